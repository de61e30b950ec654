import { describe, expect, it } from 'vitest';
import { escapeHtml } from './email-shell.js';
import { renderPackPage } from './pack-page.js';
import { hostilePack, hostileText, samplePack } from './sample-pack.js';

const baseUrl = 'https://crm.example.com/';

describe('renderPackPage', () => {
  const doc = samplePack();
  const html = renderPackPage(doc, { baseUrl });

  it('is a complete, print-ready page without scripts', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html.trimEnd()).toMatch(/<\/html>$/);
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('@media print{');
    expect(html).toContain('.block{margin:14px 0;break-inside:avoid;page-break-inside:avoid}');
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<[a-z][^>]*>/gi)!.filter((t) => /\son[a-z]+=/i.test(t.replace(/"[^"]*"/g, '""')))).toEqual([]);
  });

  it('shows the title, the agenda with timeboxes and presenters, and every section', () => {
    expect(html).toContain('<h1>Weekly Smarketing meeting</h1>');
    expect(html).toContain(escapeHtml(doc.subtitle));
    for (const s of doc.sections) {
      expect(html).toContain(`<section class="section" id="section-${s.key}"><div class="section-head"><h2>${escapeHtml(s.title)}</h2>`);
      expect(html).toContain(`<a href="#section-${s.key}">${escapeHtml(s.title)}</a>`);
    }
    expect(html).toContain('<span class="meta">10 min · Ana Ruiz (marketing)</span>');
    expect(html).toContain('<td>Marc Vidal (sales)</td><td class="min">10 min</td>');
    expect(html).toContain('38 min planned for a 35-minute meeting');
    expect(html).toContain('<p class="warning" role="alert">The agenda runs 3 minutes over the 35-minute meeting');
  });

  it('has no warning when the agenda fits, and no agenda outside meetings', () => {
    const fits = renderPackPage({ ...doc, agenda: { total_minutes: 35, duration_minutes: 35, over_by_minutes: 0 } }, { baseUrl });
    expect(fits).toContain('35 min planned for a 35-minute meeting');
    expect(fits).not.toContain('class="warning"');
    const daily = renderPackPage({ ...doc, agenda: null }, { baseUrl });
    expect(daily).not.toContain('<h2>Agenda</h2>');
    expect(daily).toContain('<h2>Marketing SLA</h2>');
  });

  it('formats every kind of value and keeps tones', () => {
    expect(html).toContain('<a class="figure tone-bad" href="https://crm.example.com/marketing-sla?month=2026-11"><div class="label">MQL value</div><div class="value">€20,280</div>');
    expect(html).toContain('<div class="detail">of €30,000 target · projected €23,400</div><div class="tone">off track</div>');
    expect(html).toContain('<div class="value">91.4%</div><div class="detail">target 90.0%</div>');
    expect(html).toContain('<div class="value">2.6 h</div>');
    expect(html).toContain('<div class="value">38.5 days</div>');
    // A figure without a link is not a link.
    expect(html).toContain('<div class="figure"><div class="label">Value per MQL</div><div class="value">€441</div>');
    expect(html).toContain('<tr class="row-warning"><td><a href="https://crm.example.com/sla?owner=8">Sam Seller</a></td><td class="n">17</td><td class="n">82.4%</td><td class="n">131 min</td><td class="n">€61,200</td></tr>');
    expect(html).toContain('<tr class="row-bad"><td>Lee Lead</td><td class="n">9</td><td class="n">—</td><td class="n">—</td><td class="n">€12,751</td></tr>');
    expect(html).toContain('<td>12 Nov 2026</td><td>4 Dec 2026, 16:30</td>');
    expect(html).toContain('<p class="empty">No MQL was rejected this week.</p>');
    expect(html).toContain('<p class="empty">No campaign is behind its plan.</p>');
    expect(html).toContain('<li class="tone-bad">Fix the webinar form’s country field <span class="flag">off track</span> <span class="item-detail">— Ana Ruiz · overdue since 27 Nov 2026</span></li>');
    expect(html).toContain('<p>Thanks to the SDR team for covering the Black Friday peak.</p><p>Next week the focus is the year-end offer.</p>');
    expect(html).toContain('Generated 3 Dec 2026, 09:00 (Europe/Madrid)');
  });

  it('draws every chart as inline SVG under a linked heading', () => {
    expect(html.match(/<svg role="img"/g)).toHaveLength(3);
    expect(html).toContain('<h3><a href="https://crm.example.com/reports/marketing?month=2026-11">MQLs by channel, last four weeks</a></h3><svg');
    expect(html).toContain('<h3>Median first-call time by week</h3><svg');
    expect(html).toContain('stroke-dasharray');
  });

  it('links every figure, row and item to the app with absolute URLs', () => {
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    const external = hrefs.filter((h) => !h.startsWith('#'));
    expect(external.every((h) => h.startsWith('https://crm.example.com/') && !h.startsWith('https://crm.example.com//'))).toBe(true);
    const expected = doc.sections.flatMap((s) =>
      s.blocks.flatMap((b) => {
        if (b.type === 'figures' || b.type === 'list') return b.items.flatMap((i) => (i.href ? [i.href] : []));
        if (b.type === 'table') return b.rows.flatMap((r) => (r.href ? [r.href] : []));
        return b.type === 'chart' && b.href ? [b.href] : [];
      }),
    );
    expect(expected.length).toBe(14);
    expect(external.sort()).toEqual(expected.map((h) => escapeHtml(`https://crm.example.com${h}`)).sort());
  });

  it('shows a hostile label as text', () => {
    const page = renderPackPage(hostilePack(), { baseUrl });
    const escaped = escapeHtml(hostileText);
    expect(page).not.toContain('<img');
    expect(page).not.toMatch(/<script/i);
    // No tag carries an event handler (quoted attribute values may say anything).
    const tags = page.match(/<[a-z][^>]*>/gi)!.map((t) => t.replace(/"[^"]*"/g, '""'));
    expect(tags.filter((t) => /\son[a-z]+=/i.test(t))).toEqual([]);
    for (const where of ['Daily', 'Subtitle', 'Section', 'Presenter', 'Figure', 'Detail', 'Table', 'Column', 'Cell', 'Empty', 'Chart', 'Item', 'Item detail', 'Text']) {
      expect(page, where).toContain(`${where} ${escaped}`);
    }
    expect(page).toContain('href="https://crm.example.com/contacts/1?q=&quot;&gt;&lt;script&gt;"');
    expect(page).toContain('id="section-k&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});
