import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { PackDocument } from '../pack-document.js';
import { faceFor, pdfText, renderPackPdf } from './pack-pdf.js';
import { loadPdfFonts, pdfFonts, standardPdfFonts } from './pdf-fonts.js';
import { hostilePack, longSamplePack, samplePack } from './sample-pack.js';

const baseUrl = 'https://crm.example.com/';

/** WinAnsi bytes 0x80–0x9f that differ from Latin-1 (the rest maps one to one), for the standard fonts. */
const winAnsi: Record<number, string> = { 0x80: '€', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—' };

/** Every object of the file by number; a stream's bytes are inflated on demand. */
function pdfObjects(pdf: Buffer): Map<number, { dict: string; stream: () => Buffer | null }> {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: () => Buffer | null }>();
  const head = /(\d+) 0 obj\s*/g;
  for (let m = head.exec(raw); m; m = head.exec(raw)) {
    const tail = /endobj|>>\s*stream\r?\n/g;
    tail.lastIndex = head.lastIndex;
    const t = tail.exec(raw)!;
    const dict = raw.slice(head.lastIndex, t.index + (t[0] === 'endobj' ? 0 : 2));
    let stream = () => null as Buffer | null;
    if (t[0] !== 'endobj') {
      const start = t.index + t[0].length;
      const data = pdf.subarray(start, start + Number(/\/Length (\d+)/.exec(dict)![1]));
      stream = () => (dict.includes('/FlateDecode') ? inflateSync(data) : data);
      head.lastIndex = start + data.length;
    }
    objects.set(Number(m[1]), { dict, stream });
  }
  return objects;
}

/** A ToUnicode CMap as a decoder of 2-byte glyph codes (pdfkit writes bfrange arrays; bfchar too for safety). */
function toUnicode(cmap: string): (hex: string) => string {
  const utf16 = (h: string) => Buffer.from(h, 'hex').swap16().toString('utf16le');
  const map = new Map<number, string>();
  for (const [, a, b, list, one] of cmap.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*(?:\[([^\]]*)\]|<([0-9a-f]+)>)/gi)) {
    const from = parseInt(a!, 16);
    const to = parseInt(b!, 16);
    if (list !== undefined) [...list.matchAll(/<([0-9a-f ]*)>/gi)].forEach((d, i) => map.set(from + i, utf16(d[1]!.replace(/ /g, ''))));
    else for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(parseInt(one!, 16) + c - from));
  }
  for (const [, a, d] of cmap.matchAll(/^<([0-9a-f]{4})>\s+<([0-9a-f]+)>$/gim)) map.set(parseInt(a!, 16), utf16(d!));
  return (hex) => hex.match(/.{4}/g)?.map((c) => map.get(parseInt(c, 16)) ?? '\u0000').join('') ?? '';
}

/**
 * The text drawn on each page, one line per TJ operator, read as a PDF reader reads it: page
 * contents are inflated (FlateDecode), each hex string is decoded with the font selected by the
 * last Tf — through its ToUnicode CMap for embedded fonts (which draw glyph ids, not characters),
 * as WinAnsi for the standard ones. Independent of any PDF tool being installed.
 */
function pdfPagesText(pdf: Buffer): string[] {
  const objects = pdfObjects(pdf);
  const obj = (ref: string) => objects.get(Number(ref))!;
  const winAnsiText = (hex: string) => [...Buffer.from(hex, 'hex')].map((c) => winAnsi[c] ?? String.fromCharCode(c)).join('');
  const pagesObj = [...objects.values()].find((o) => /\/Type \/Pages\b/.test(o.dict))!;
  const kids = [.../\/Kids \[([^\]]*)\]/.exec(pagesObj.dict)![1]!.matchAll(/(\d+) 0 R/g)].map((k) => obj(k[1]!));
  return kids.map((page) => {
    const resourcesRef = /\/Resources (\d+) 0 R/.exec(page.dict);
    const resources = resourcesRef ? obj(resourcesRef[1]!).dict : page.dict;
    const fonts = new Map<string, (hex: string) => string>();
    for (const [, name, ref] of (/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const cmap = /\/ToUnicode (\d+) 0 R/.exec(obj(ref!).dict);
      fonts.set(name!, cmap ? toUnicode(obj(cmap[1]!).stream()!.toString('latin1')) : winAnsiText);
    }
    const content = obj(/\/Contents (\d+) 0 R/.exec(page.dict)![1]!).stream()!.toString('latin1');
    let decode = winAnsiText;
    const lines: string[] = [];
    for (const op of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) decode = fonts.get(op[1])!;
      else lines.push([...op[2]!.matchAll(/<([0-9a-f]*)>/gi)].map((h) => decode(h[1]!)).join(''));
    }
    return lines.join('\n');
  });
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
    for (const v of ['€20,280', '91.4%', '2.6 h', '38.5 days', '131 min', '€84,500', '4 Dec 2026, 16:30', 'No MQL was rejected this week.', 'Visit → contact rate']) expect(all).toContain(v);
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

  it('embeds the Unicode font, subset, with a map back to the characters', () => {
    expect(pdfFonts().embedded).toBe(true);
    const raw = pdf.toString('latin1');
    for (const face of ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']) expect(raw).toMatch(new RegExp(`/BaseFont /[A-Z]{6}\\+${face}[\\s/]`));
    expect(raw).toContain('/FontFile2');
    expect(raw).toContain('/ToUnicode');
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    // Subset: the whole regular face is ~740 KB; the pack with all its fonts and charts stays far below that.
    expect(pdf.length).toBeLessThan(300_000);
  });

  it('hostile text is printed as text', async () => {
    const hostile = await renderPackPdf(hostilePack(), { baseUrl });
    expect(pdfPagesText(hostile).join('\n')).toContain(`Figure <img src=x onerror=alert(1)> & "quotes" 'too'`);
  });
});

/** Names as an international team writes them: Latin Extended-A, Cyrillic, Greek, Vietnamese. */
const names = ['Łukasz Wałęsa', 'Привет мир', 'Ωμέγα', 'Nguyễn Thị Minh Khai'];

/** The sample with the names in the title, the rep column of a table and the owners of the action items. */
function internationalPack(): PackDocument {
  const doc = samplePack();
  doc.title = names.join(' · ');
  const sla = doc.sections.find((s) => s.key === 'sales_sla')!;
  const table = sla.blocks.find((b) => b.type === 'table')!;
  if (table.type !== 'table') throw new Error('the sample has a table in the sales SLA');
  table.rows = names.map((n, i) => ({ ...table.rows[i % table.rows.length]!, cells: [n, ...table.rows[i % table.rows.length]!.cells.slice(1)] }));
  const actions = doc.sections.find((s) => s.key === 'action_items')!;
  actions.blocks = [
    {
      type: 'table',
      columns: [
        { label: 'Action', format: 'text' },
        { label: 'Owner', format: 'text' },
        { label: 'Status', format: 'text' },
      ],
      rows: names.map((n, i) => ({ cells: [`Follow-up ${i + 1}`, n, 'Open'] })),
    },
    { type: 'list', items: names.map((n) => ({ text: 'Call back the open leads', detail: `${n} · due 4 Dec 2026` })) },
  ];
  return doc;
}

const oneSpaced = (s: string) => s.replace(/\s+/g, ' ');

/** pdftotext (poppler-utils) when the machine has it: a second, independent reader of the same PDF. */
const pdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return (pdf: Buffer) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
  } catch {
    return null;
  }
})();

describe('renderPackPdf with names in other scripts', async () => {
  const doc = internationalPack();
  const pdf = await renderPackPdf(doc, { baseUrl });
  const text = pdfPagesText(pdf);
  const lines = text.flatMap((t) => t.split('\n'));

  it('prints the title, table cells and action item owners exactly as written', () => {
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    expect(text).toHaveLength(pageCount(pdf));
    // The title (wrapped over two lines) opens the first page and is repeated in every footer.
    expect(oneSpaced(text[0]!)).toMatch(new RegExp(`^${names.join(' · ')} `));
    for (const t of text) expect(oneSpaced(t)).toContain(`${names.join(' · ')} · Generated 3 Dec 2026`);
    const all = lines.join('\n');
    names.forEach((n, i) => {
      // Each cell is drawn on its own: the rep before its count of MQLs, the owner in its action's row.
      expect(all).toMatch(new RegExp(`^${n}\\n\\d+\\n`, 'm'));
      expect(all).toContain(`Follow-up ${i + 1}\n${n}\nOpen`);
      expect(lines).toContain(`${n} · due 4 Dec 2026`);
    });
    expect(lines.join('\n')).not.toMatch(/[?\u0000]/);
  });

  it.skipIf(!pdftotext)('reads the same with pdftotext', () => {
    const out = oneSpaced(pdftotext!(pdf));
    expect(out).toContain(names.join(' · '));
    for (const n of names) expect(out.split(n).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('prints "?" for characters the font has no glyph for, never an empty box', async () => {
    const cjk: PackDocument = { ...samplePack(), title: 'Tokyo 東京 🙂 office', sections: [] };
    const t = pdfPagesText(await renderPackPdf(cjk, { baseUrl }));
    expect(t[0]).toContain('Tokyo ?? ? office');
    // Glyph 0 (.notdef, the empty box) maps back to U+0000: none was drawn.
    expect(t.join('\n')).not.toContain('\u0000');
  });

  it('sets text in the upright face when the oblique lacks its letters', () => {
    const fonts = pdfFonts();
    expect(faceFor(fonts, 'Пусто', 'italic')).toBe('italic');
    expect(faceFor(fonts, 'لا شيء', 'italic')).toBe('regular');
    expect(faceFor(fonts, 'لا شيء', 'bold')).toBe('bold');
    expect(faceFor(fonts, '東京', 'italic')).toBe('italic');
  });
});

describe('pdfText', () => {
  const dejavu = pdfFonts().faces.regular;
  const helvetica = standardPdfFonts.faces.regular;

  it('keeps what the embedded font can draw and composes decomposed accents', () => {
    expect(pdfText('€ — · – “x” → ≥ é İstanbul Ǆ', dejavu)).toBe('€ — · – “x” → ≥ é İstanbul Ǆ');
    expect(pdfText('Nguye\u0302\u0303n', dejavu)).toBe('Nguyễn');
    expect(pdfText('東京 🙂', dejavu)).toBe('?? ?');
    // Invisible bidi isolates it lacks are dropped; control characters become "?" or a space.
    expect(pdfText('a\u2066b\u2069\tc\u0007', dejavu)).toBe('ab c?');
  });

  it('keeps what WinAnsi can print in the standard fonts and replaces the rest', () => {
    expect(pdfText('€ — · – “x” → ≥ é', helvetica)).toBe('€ — · – “x” -> >= é');
    expect(pdfText('Łukasz Ωμέγα', helvetica)).toBe('?ukasz ?????');
  });
});

describe('renderPackPdf without the font package', () => {
  it('warns and falls back to Helvetica when the font cannot be loaded', async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const missing = loadPdfFonts(() => '/nonexistent/dejavu-sans.woff');
      const damaged = loadPdfFonts(() => new URL(import.meta.url).pathname);
      expect(missing).toBe(standardPdfFonts);
      expect(damaged).toBe(standardPdfFonts);
      expect(warn).toHaveBeenCalledTimes(2);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Helvetica.*could not be loaded/);
    } finally {
      warn.mockRestore();
    }
    const pdf = await renderPackPdf(internationalPack(), { baseUrl, fonts: standardPdfFonts });
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/Helvetica/);
    expect(pdf.toString('latin1')).not.toContain('/FontFile2');
    expect(pdfPagesText(pdf).join('\n')).toContain('?ukasz Wa??sa');
  });
});
