import type { PackDocument } from '../pack-document.js';

/**
 * A realistic weekly meeting pack with every block type (figures, tables with links and tones, an
 * empty table, line and bar charts with a dashed pace series and gaps, lists, text), an agenda
 * that runs over, for the renderer tests and for any other test that needs a document.
 * A function, so each test may change its own copy.
 */
export function samplePack(): PackDocument {
  const days = Array.from({ length: 30 }, (_, i) => `${i + 1} Nov`);
  const actual = days.map((_, i) => (i < 26 ? Math.round((i + 1) * 780 + (i % 3) * 120) : null));
  const pace = days.map((_, i) => Math.round(((i + 1) / 30) * 30_000));
  return {
    kind: 'weekly_pack',
    title: 'Weekly Smarketing meeting',
    subtitle: 'Week of 23–29 November 2026 · meeting Thursday 3 December, 17:00 (Europe/Madrid)',
    period: '2026-W48',
    generated_at: '2026-12-03T08:00:00.000Z',
    time_zone: 'Europe/Madrid',
    agenda: { total_minutes: 38, duration_minutes: 35, over_by_minutes: 3 },
    sections: [
      {
        key: 'marketing_sla',
        title: 'Marketing SLA',
        minutes: 10,
        presenter: 'Ana Ruiz (marketing)',
        blocks: [
          {
            type: 'figures',
            items: [
              { label: 'MQLs this month', value: 46, format: 'number', target: 60, tone: 'warning', detail: 'of 60 target · projected 53', href: '/marketing-sla?month=2026-11' },
              { label: 'MQL value', value: 20_280, format: 'money', target: 30_000, tone: 'bad', detail: 'of €30,000 target · projected €23,400', href: '/marketing-sla?month=2026-11' },
              { label: 'Value per MQL', value: 440.87, format: 'money', tone: 'neutral' },
              { label: 'Visit → contact rate', value: 0.0314, format: 'percent', target: 0.03, tone: 'good' },
            ],
          },
          {
            type: 'chart',
            title: 'Cumulative MQL value against the pace to target',
            kind: 'line',
            format: 'money',
            categories: days,
            series: [
              { name: 'MQL value', values: actual },
              { name: 'Pace to target', values: pace, style: 'dashed' },
            ],
            href: '/marketing-sla?month=2026-11',
          },
        ],
      },
      {
        key: 'sales_sla',
        title: 'Sales SLA',
        minutes: 10,
        presenter: 'Marc Vidal (sales)',
        blocks: [
          {
            type: 'figures',
            items: [
              { label: 'Leads called within 4 h', value: 0.914, format: 'percent', target: 0.9, tone: 'good', href: '/sla' },
              { label: 'Median time to first call', value: 2.6, format: 'hours', tone: 'good', href: '/sla' },
              { label: 'Leads under 8 attempts in 14 days', value: 7, format: 'number', tone: 'bad', detail: '3 more than last week', href: '/sla/attempts' },
              { label: 'Sales cycle, MQL → customer', value: 38.5, format: 'days', tone: 'neutral' },
            ],
          },
          {
            type: 'table',
            title: 'SLA compliance by rep',
            columns: [
              { label: 'Rep', format: 'text' },
              { label: 'New leads', format: 'number' },
              { label: 'Called within 4 h', format: 'percent' },
              { label: 'Median first call', format: 'minutes' },
              { label: 'Pipeline', format: 'money' },
            ],
            rows: [
              { cells: ['Rae Rep', 21, 0.952, 48, 84_500], tone: 'good', href: '/sla?owner=7' },
              { cells: ['Sam Seller', 17, 0.824, 131, 61_200], tone: 'warning', href: '/sla?owner=8' },
              { cells: ['Lee Lead', 9, null, null, 12_750.5], tone: 'bad' },
            ],
          },
        ],
      },
      {
        key: 'highlights',
        title: 'Highlights and big wins',
        minutes: 5,
        presenter: null,
        blocks: [
          {
            type: 'list',
            items: [
              { text: 'Northwind Traders closed: €48,000 a year', detail: 'MQL from the November webinar, 31 days to close', tone: 'good', href: '/deals?id=311' },
              { text: 'Pricing page conversion up to 4.2%', detail: 'new call to action since 20 November', href: '/assets' },
              { text: 'Record week for demo requests' },
            ],
          },
          { type: 'text', text: 'Thanks to the SDR team for covering the Black Friday peak.\n\nNext week the focus is the year-end offer.' },
        ],
      },
      {
        key: 'at_risk',
        title: 'At-risk items',
        minutes: 5,
        presenter: 'Marc Vidal (sales)',
        blocks: [
          {
            type: 'table',
            title: 'Deals with no activity for 14 days',
            columns: [
              { label: 'Deal', format: 'text' },
              { label: 'Amount', format: 'money' },
              { label: 'Last activity', format: 'date' },
              { label: 'Next step due', format: 'date' },
            ],
            rows: [
              { cells: ['Contoso renewal', 36_000, '2026-11-12', '2026-12-04T15:30:00.000Z'], tone: 'bad', href: '/deals?id=287' },
              { cells: ['Fabrikam expansion', 12_400, '2026-11-16', null], tone: 'warning', href: '/deals?id=295' },
            ],
          },
          { type: 'table', title: 'Rejected MQLs this week', columns: [{ label: 'Contact', format: 'text' }, { label: 'Reason', format: 'text' }], rows: [], empty: 'No MQL was rejected this week.' },
          { type: 'list', items: [], empty: 'No campaign is behind its plan.' },
        ],
      },
      {
        key: 'action_items',
        title: 'Action items',
        minutes: 5,
        presenter: null,
        blocks: [
          {
            type: 'list',
            items: [
              { text: 'Call back the 7 leads under 8 attempts', detail: 'Marc Vidal · due 4 Dec 2026', tone: 'warning', href: '/sla/attempts' },
              { text: 'Fix the webinar form’s country field', detail: 'Ana Ruiz · overdue since 27 Nov 2026', tone: 'bad' },
              { text: 'Share the year-end offer deck with sales', detail: 'Ana Ruiz · done', tone: 'good' },
            ],
          },
        ],
      },
      {
        key: 'upcoming',
        title: 'Upcoming promotions',
        minutes: 3,
        presenter: 'Ana Ruiz (marketing)',
        blocks: [
          { type: 'text', text: 'Year-end offer goes out on 8 December to 4,200 contacts; the webinar “Closing the loop” runs on 15 December.' },
          {
            type: 'chart',
            title: 'MQLs by channel, last four weeks',
            kind: 'bar',
            format: 'number',
            categories: ['Organic search', 'Paid search', 'Email', 'Social', 'Referral'],
            series: [
              { name: 'MQLs', values: [18, 11, 9, 5, 3] },
              { name: 'Target', values: [15, 12, 8, 6, 4], style: 'dashed' },
            ],
            href: '/reports/marketing?month=2026-11',
          },
          {
            type: 'chart',
            title: 'Median first-call time by week',
            kind: 'line',
            format: 'hours',
            categories: ['W45', 'W46', 'W47', 'W48'],
            series: [{ name: 'Median first call', values: [3.4, null, 2.9, 2.6] }],
          },
        ],
      },
    ],
  };
}

/** The sample with its sections repeated under new keys: a pack long enough to need several pages. */
export function longSamplePack(times = 3): PackDocument {
  const doc = samplePack();
  const sections = Array.from({ length: times }, (_, n) => doc.sections.map((s) => ({ ...s, key: `${s.key}_${n + 1}`, title: n === 0 ? s.title : `${s.title} (part ${n + 1})` }))).flat();
  return { ...doc, sections };
}

/** What a hostile or careless label looks like; every renderer must show it as text. */
export const hostileText = `<img src=x onerror=alert(1)> & "quotes" 'too'`;

/** A small pack with the hostile text in every place a renderer writes text. */
export function hostilePack(): PackDocument {
  const h = hostileText;
  return {
    kind: 'daily_marketing',
    title: `Daily ${h}`,
    subtitle: `Subtitle ${h}`,
    period: '2026-12-03',
    generated_at: '2026-12-03T06:00:00.000Z',
    time_zone: 'Europe/Madrid',
    agenda: { total_minutes: 10, duration_minutes: 30, over_by_minutes: 0 },
    sections: [
      {
        key: `k"><script>alert(1)</script>`,
        title: `Section ${h}`,
        minutes: 10,
        presenter: `Presenter ${h}`,
        blocks: [
          { type: 'figures', items: [{ label: `Figure ${h}`, value: 1, format: 'number', detail: `Detail ${h}`, href: `/contacts/1?q="><script>` }] },
          { type: 'table', title: `Table ${h}`, columns: [{ label: `Column ${h}`, format: 'text' }], rows: [{ cells: [`Cell ${h}`], href: '/queue' }] },
          { type: 'table', title: 'Empty', columns: [{ label: 'A', format: 'text' }], rows: [], empty: `Empty ${h}` },
          { type: 'chart', title: `Chart ${h}`, kind: 'bar', format: 'number', categories: [`Category ${h}`], series: [{ name: `Series ${h}`, values: [3] }] },
          { type: 'list', items: [{ text: `Item ${h}`, detail: `Item detail ${h}`, tone: 'bad' }] },
          { type: 'text', text: `Text ${h}` },
        ],
      },
    ],
  };
}
