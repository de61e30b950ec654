import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfText, renderPackPdf } from './pack-pdf.js';
import { hostilePack, longSamplePack, samplePack } from './sample-pack.js';

const baseUrl = 'https://crm.example.com/';

/** WinAnsi bytes 0x80–0x9f that differ from Latin-1 (the rest maps one to one). */
const winAnsi: Record<number, string> = { 0x80: '€', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

/**
 * The text drawn on each page: pdfkit compresses page contents (FlateDecode) and writes strings
 * as hex in TJ arrays split at kerning points, so each stream is inflated and each TJ joined.
 */
function pdfPagesText(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  // Each object's dictionary up to its stream, never running across objects.
  for (const m of raw.matchAll(/\d+ 0 obj\s*<<((?:(?!endobj)[^])*?)>>\s*stream\r?\n/g)) {
    const start = m.index! + m[0].length;
    const len = Number(/\/Length (\d+)/.exec(m[1]!)?.[1]);
    if (!m[1]!.includes('/FlateDecode') || m[1]!.includes('/Subtype /Image') || !len) continue;
    const content = inflateSync(pdf.subarray(start, start + len)).toString('latin1');
    if (!content.includes('TJ')) continue;
    const lines = [...content.matchAll(/\[([^\]]*)\] TJ/g)].map((tj) =>
      [...tj[1]!.matchAll(/<([0-9a-f]*)>/gi)]
        .map((h) => Buffer.from(h[1]!, 'hex'))
        .map((b) => [...b].map((c) => winAnsi[c] ?? String.fromCharCode(c)).join(''))
        .join(''),
    );
    out.push(lines.join('\n'));
  }
  return out;
}

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page(?!s)/g) ?? []).length;
const uris = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]!);

describe('renderPackPdf', async () => {
  const doc = samplePack();
  const pdf = await renderPackPdf(doc, { baseUrl });

  it('writes a PDF with the title, subtitle, agenda, sections and numbered pages', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = pdfPagesText(pdf);
    expect(text).toHaveLength(pages);
    const all = text.join('\n');
    expect(text[0]).toContain('Weekly Smarketing meeting');
    expect(text[0]).toContain('Week of 23–29 November 2026 · meeting Thursday 3 December, 17:00 (Europe/Madrid)');
    expect(text[0]).toContain('The agenda runs 3 minutes over the 35-minute meeting');
    for (const s of doc.sections) expect(all).toContain(s.title);
    for (const v of ['€20,280', '91.4%', '2.6 h', '38.5 days', '131 min', '€84,500', '4 Dec 2026, 16:30', 'No MQL was rejected this week.', 'Visit -> contact rate']) expect(all).toContain(v);
    text.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${pages}`));
    // The charts are embedded images.
    expect(pdf.toString('latin1').match(/\/Subtype \/Image/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it('links figures, rows, items and charts to the app with absolute URLs', () => {
    const links = uris(pdf);
    expect(links.length).toBeGreaterThanOrEqual(14);
    expect(links.filter((u) => !u.startsWith('https://crm.example.com/'))).toEqual([]);
    for (const href of ['/sla?owner=7', '/sla?owner=8', '/deals?id=287', '/reports/marketing?month=2026-11', '/sla/attempts', '/deals?id=311']) {
      expect(links).toContain(`https://crm.example.com${href}`);
    }
  });

  it('breaks a long pack over several pages, with tables continuing under their header', async () => {
    const long = await renderPackPdf(longSamplePack(2), { baseUrl });
    const pages = pageCount(long);
    expect(pages).toBeGreaterThan(pageCount(pdf));
    const text = pdfPagesText(long);
    expect(text.at(-1)).toContain(`Page ${pages} of ${pages}`);
    expect(text.join('\n')).toContain('Upcoming promotions (part 2)');

    const rows = Array.from({ length: 120 }, (_, i) => ({ cells: [`Lead ${i + 1}`, i * 10] as (string | number)[] }));
    const tall = { ...samplePack(), agenda: null, sections: [{ key: 'queue', title: 'Queue', minutes: null, presenter: null, blocks: [{ type: 'table' as const, columns: [{ label: 'Lead', format: 'text' as const }, { label: 'Score', format: 'number' as const }], rows }] }] };
    const t = pdfPagesText(await renderPackPdf(tall, { baseUrl }));
    expect(t.length).toBeGreaterThanOrEqual(3);
    for (const page of t) expect(page).toContain('Lead\nScore');
    expect(t.join('\n')).toContain('Lead 120');
  });

  it('keeps text WinAnsi can print and replaces the rest', async () => {
    expect(pdfText('€ — · – “x” → ≥ é')).toBe('€ — · – “x” -> >= é');
    expect(pdfText('東京 🙂')).toBe('?? ?');
    const hostile = await renderPackPdf(hostilePack(), { baseUrl });
    expect(pdfPagesText(hostile).join('\n')).toContain(`Figure <img src=x onerror=alert(1)> & "quotes" 'too'`);
  });
});
