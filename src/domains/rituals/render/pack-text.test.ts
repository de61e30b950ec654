import { describe, expect, it } from 'vitest';
import type { PackDocument } from '../pack-document.js';
import { renderPackText } from './pack-text.js';
import { samplePack } from './sample-pack.js';

describe('renderPackText', () => {
  it('writes a small daily dashboard exactly', () => {
    const doc: PackDocument = {
      kind: 'daily_sales_manager',
      title: 'Sales dashboard',
      subtitle: 'Thursday 3 December 2026',
      period: '2026-12-03',
      generated_at: '2026-12-03T06:30:00.000Z',
      time_zone: 'Europe/Madrid',
      agenda: null,
      sections: [
        {
          key: 'sla',
          title: 'Sales SLA',
          minutes: null,
          presenter: null,
          blocks: [
            { type: 'figures', items: [{ label: 'Not called within 4 h', value: 3, format: 'number', target: 0, tone: 'bad', href: '/queue' }, { label: 'Compliance', value: 0.875, format: 'percent' }] },
            {
              type: 'table',
              columns: [{ label: 'Rep', format: 'text' }, { label: 'Leads', format: 'number' }, { label: 'Value', format: 'money' }],
              rows: [{ cells: ['Rae Rep', 12, 4_800], tone: 'warning', href: '/sla?owner=7' }, { cells: ['Sam', 3, null] }],
            },
            { type: 'chart', title: 'Calls per day', kind: 'bar', format: 'number', categories: ['Mon', 'Tue'], series: [{ name: 'Calls', values: [14, 9] }, { name: 'Goal', values: [12, 12], style: 'dashed' }] },
            { type: 'list', items: [{ text: 'Call Eva North', detail: 'MQL 5 h ago', tone: 'bad', href: '/contacts/12' }, { text: 'All good', tone: 'good' }] },
            { type: 'text', text: 'First paragraph.\n\nSecond.' },
          ],
        },
      ],
    };
    expect(renderPackText(doc, { baseUrl: 'https://crm.example.com/' })).toBe(
      [
        'Sales dashboard',
        '===============',
        'Thursday 3 December 2026',
        '',
        'Sales SLA',
        '---------',
        '* Not called within 4 h: 3 (off track)',
        '  target 0',
        '  https://crm.example.com/queue',
        '* Compliance: 87.5%',
        '',
        '  Rep      Leads   Value',
        '  Rae Rep     12  €4,800  (at risk)',
        '    https://crm.example.com/sla?owner=7',
        '  Sam          3       —',
        '',
        'Calls per day:',
        '       Calls  Goal',
        '  Mon     14    12',
        '  Tue      9    12',
        '',
        '- Call Eva North (off track) — MQL 5 h ago',
        '  https://crm.example.com/contacts/12',
        '- All good',
        '',
        'First paragraph.',
        '',
        'Second.',
        '',
        'Generated 3 Dec 2026, 07:30 (Europe/Madrid)',
        '',
      ].join('\n'),
    );
  });

  it('numbers the agenda, warns when it runs over, and sums up long charts by their latest value', () => {
    const text = renderPackText(samplePack(), { baseUrl: 'https://crm.example.com' });
    expect(text).toContain('AGENDA\n 1. Marketing SLA — 10 min · Ana Ruiz (marketing)\n 2. Sales SLA — 10 min · Marc Vidal (sales)\n 3. Highlights and big wins — 5 min\n');
    expect(text).toContain('38 min planned for a 35-minute meeting\nWARNING: The agenda runs 3 minutes over the 35-minute meeting');
    expect(text).toContain('\n1. Marketing SLA — 10 min · Ana Ruiz (marketing)\n------------------------------------------------\n');
    // 30 days of a month: where each series stands, not 30 lines.
    expect(text).toContain('Cumulative MQL value against the pace to target:\n  MQL value: €20,400 at 26 Nov\n  Pace to target: €30,000 at 30 Nov\n  https://crm.example.com/marketing-sla?month=2026-11\n');
    expect(text).toContain('  Contoso renewal     €36,000  12 Nov 2026    4 Dec 2026, 16:30  (off track)\n    https://crm.example.com/deals?id=287\n');
    expect(text).not.toMatch(/<[a-z]/i);
  });
});
