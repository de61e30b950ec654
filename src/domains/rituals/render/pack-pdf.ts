import PDFDocument from 'pdfkit';
import type { Figure, PackBlock, PackDocument, PackSection, Tone } from '../pack-document.js';
import { emailColors } from './email-shell.js';
import { absoluteUrl, agendaLine, agendaWarning, figureDetail, figuresPerRow, formatCell, formatValue, generatedLine, isNumericFormat, NOTHING_TO_SHOW, paragraphsOf, sectionMeta, toneWord } from './format-value.js';
import { chartPng, type ChartBlock } from './pack-chart.js';
import { pdfFonts, type PdfFace, type PdfFaceName, type PdfFonts } from './pdf-fonts.js';

/**
 * The pack as an A4 PDF (pdfkit). Text is set in an embedded Unicode font (DejaVu Sans, see
 * pdf-fonts.ts), so names and labels in Latin (European and Vietnamese letters), Greek and
 * Cyrillic print as written. Hebrew and Arabic words print too, but pdfkit has no bidirectional
 * layout: a phrase of several such words keeps its words in left-to-right order. Blocks are kept
 * whole on a page where they fit, tables continue on the next page with their header repeated,
 * every page has a numbered footer, and figures, rows and charts link to the app.
 */

const MARGIN = { top: 48, left: 48, right: 48, bottom: 56 };
/** Chart layout size (same proportions as the email's); drawn at the content width, rasterised at 2×. */
const CHART_SIZE = { width: 640, height: 260 };

/** The names the faces are registered under in each document. */
const FONT: Record<PdfFaceName, string> = { regular: 'pack-regular', bold: 'pack-bold', italic: 'pack-italic' };
const rowBackground: Record<Tone, string> = { good: '#f0fdf4', warning: '#fffbeb', bad: '#fef2f2', neutral: '#ffffff' };

/** Stand-ins for characters a face lacks, used before "?"; with DejaVu only the Helvetica fallback needs them. */
const lookalikes: Record<string, string> = { '→': '->', '←': '<-', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-', '✓': 'v', '✔': 'v', '✗': 'x', '✕': 'x', '\t': ' ', '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ' };

/**
 * The text as `face` can print it. A character the face has no glyph for would print as an empty
 * box (or, in the standard fonts, as another character), so it becomes a look-alike or "?": with
 * DejaVu that is CJK ideographs, emoji and the scripts it lacks (the HTML and email forms of the
 * pack show them, with the reader's fonts). Invisible format characters it lacks are dropped.
 */
export function pdfText(s: string, face: PdfFace): string {
  const has = (t: string) => [...t].every((c) => face.has(c.codePointAt(0)!));
  let out = '';
  // Composed form: the font has "ễ" as one glyph where a decomposed name would need mark positioning.
  for (const ch of s.normalize('NFC')) {
    if (ch === '\n' || (!/\p{Cc}/u.test(ch) && face.has(ch.codePointAt(0)!))) out += ch;
    else if (lookalikes[ch] !== undefined && has(lookalikes[ch])) out += lookalikes[ch];
    else if (!/\p{Cf}/u.test(ch)) out += '?';
  }
  return out;
}

/** The face to set `text` in: the upright one when the wanted face lacks letters it has (DejaVu's oblique has no Arabic). */
export function faceFor(fonts: PdfFonts, text: string, want: PdfFaceName): PdfFaceName {
  if (want === 'regular') return want;
  const { regular } = fonts.faces;
  const wanted = fonts.faces[want];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!wanted.has(cp) && regular.has(cp)) return 'regular';
  }
  return want;
}

type Pdf = PDFKit.PDFDocument;

class PackPdfWriter {
  readonly width: number;
  readonly left = MARGIN.left;

  constructor(
    readonly pdf: Pdf,
    readonly doc: PackDocument,
    readonly baseUrl: string,
    readonly fonts: PdfFonts,
  ) {
    this.width = pdf.page.width - MARGIN.left - MARGIN.right;
    // pdfkit ≥ 0.20 takes a parsed fontkit font (see its CHANGELOG); @types/pdfkit does not list it yet.
    for (const face of ['regular', 'bold', 'italic'] as const) pdf.registerFont(FONT[face], fonts.faces[face].src as PDFKit.Mixins.PDFFontSource);
  }

  get bottom(): number {
    return this.pdf.page.height - MARGIN.bottom;
  }

  /** A new page when `height` does not fit below the cursor (and the page is not fresh already). */
  ensure(height: number): void {
    if (this.pdf.y + height > this.bottom && this.pdf.y > MARGIN.top + 1) this.pdf.addPage();
  }

  url(href: string): string {
    return absoluteUrl(this.baseUrl, href);
  }

  /** Selects the font and size for `text`; returns the text as it prints. */
  use(text: string, face: PdfFaceName, size: number): string {
    const f = faceFor(this.fonts, text, face);
    this.pdf.font(FONT[f]).fontSize(size);
    return pdfText(text, this.fonts.faces[f]);
  }

  textHeight(text: string, face: PdfFaceName, size: number, width: number): number {
    return this.pdf.heightOfString(this.use(text, face, size), { width });
  }

  textWidth(text: string, face: PdfFaceName, size: number): number {
    return this.pdf.widthOfString(this.use(text, face, size));
  }

  /** Writes text at (x, y) in a box of `width`; returns its height. */
  put(text: string, x: number, y: number, width: number, o: { font?: PdfFaceName; size?: number; color?: string; link?: string; align?: 'left' | 'right' | 'center' } = {}): number {
    const s = this.use(text, o.font ?? 'regular', o.size ?? 10);
    const h = this.pdf.heightOfString(s, { width });
    this.pdf
      .fillColor(o.color ?? emailColors.text)
      .text(s, x, y, { width, align: o.align ?? 'left', link: o.link ?? null, underline: false, lineBreak: true });
    return h;
  }

  header(): void {
    const { pdf, doc } = this;
    pdf.y = MARGIN.top;
    pdf.y += this.put(doc.title, this.left, pdf.y, this.width, { font: 'bold', size: 20 }) + 4;
    pdf.y += this.put(doc.subtitle, this.left, pdf.y, this.width, { size: 11, color: emailColors.muted }) + 10;
  }

  agenda(): void {
    const { pdf, doc } = this;
    if (!doc.agenda) return;
    const warning = agendaWarning(doc.agenda);
    const rowH = 16;
    this.ensure(30 + rowH * (doc.sections.length + 1) + (warning ? 40 : 0));
    pdf.y += this.put('Agenda', this.left, pdf.y, this.width, { font: 'bold', size: 14 }) + 4;
    doc.sections.forEach((s, i) => {
      const titleW = this.width * 0.55;
      const h = Math.max(rowH, this.textHeight(s.title, 'regular', 10, titleW) + 5);
      this.ensure(h);
      const top = pdf.y;
      this.put(`${i + 1}.`, this.left, top + 3, 20, { color: emailColors.muted });
      this.put(s.title, this.left + 22, top + 3, titleW);
      if (s.presenter) this.put(s.presenter, this.left + 26 + titleW, top + 3, this.width - titleW - 90, { color: emailColors.muted, size: 9 });
      if (s.minutes !== null) this.put(`${s.minutes} min`, this.left + this.width - 60, top + 3, 60, { align: 'right' });
      pdf.moveTo(this.left, top + h).lineTo(this.left + this.width, top + h).lineWidth(0.5).strokeColor(emailColors.border).stroke();
      pdf.y = top + h;
    });
    pdf.y += 4;
    pdf.y += this.put(agendaLine(doc.agenda), this.left + 22, pdf.y, this.width - 22, { font: 'bold' }) + 6;
    if (warning) {
      const h = this.textHeight(warning, 'bold', 10, this.width - 24) + 14;
      this.ensure(h);
      const y = pdf.y;
      pdf.rect(this.left, y, this.width, h).fillAndStroke('#fffbeb', '#f59e0b');
      pdf.rect(this.left, y, 4, h).fill('#f59e0b');
      this.put(warning, this.left + 14, y + 7, this.width - 24, { font: 'bold', color: '#92400e' });
      pdf.y = y + h + 6;
    }
  }

  section(s: PackSection, n: number | null): void {
    const { pdf } = this;
    // Keep the heading with the start of its content.
    this.ensure(110);
    pdf.y += 10;
    pdf.moveTo(this.left, pdf.y).lineTo(this.left + this.width, pdf.y).lineWidth(1.5).strokeColor(emailColors.border).stroke();
    pdf.y += 8;
    const meta = sectionMeta(s);
    const metaW = meta ? Math.min(this.width * 0.45, this.textWidth(meta, 'regular', 9) + 2) : 0;
    const top = pdf.y;
    const h = this.put(`${n !== null ? `${n}. ` : ''}${s.title}`, this.left, top, this.width - metaW - 10, { font: 'bold', size: 15 });
    if (meta) this.put(meta, this.left + this.width - metaW, top + 4, metaW, { size: 9, color: emailColors.muted, align: 'right' });
    pdf.y = top + h + 6;
    for (const b of s.blocks) this.block(b);
  }

  block(b: PackBlock): void {
    switch (b.type) {
      case 'figures':
        return this.figures(b.items);
      case 'table':
        return this.table(b);
      case 'chart':
        return this.chart(b);
      case 'list':
        return this.list(b);
      case 'text':
        return this.paragraphs(b.text);
    }
  }

  figures(items: Figure[]): void {
    const { pdf } = this;
    const perRow = figuresPerRow(items.length);
    const gap = 8;
    const w = (this.width - gap * (perRow - 1)) / perRow;
    const inner = w - 20;
    for (let i = 0; i < items.length; i += perRow) {
      const row = items.slice(i, i + perRow).map((f) => {
        const detail = figureDetail(f);
        const tone = toneWord(f.tone);
        const parts = {
          label: this.textHeight(f.label, 'regular', 9, inner),
          value: this.textHeight(formatValue(f.value, f.format), 'bold', 16, inner),
          detail: detail ? this.textHeight(detail, 'regular', 8.5, inner) : 0,
          tone: tone ? this.textHeight(tone.toUpperCase(), 'bold', 7.5, inner) : 0,
        };
        return { f, detail, tone, parts, height: 16 + parts.label + 2 + parts.value + (detail ? parts.detail + 2 : 0) + (tone ? parts.tone + 2 : 0) };
      });
      const h = Math.max(...row.map((r) => r.height));
      this.ensure(h + gap);
      const top = pdf.y;
      row.forEach((r, j) => {
        const x = this.left + j * (w + gap);
        const color = r.f.tone && r.f.tone !== 'neutral' ? emailColors[r.f.tone] : emailColors.border;
        pdf.roundedRect(x, top, w, h, 4).lineWidth(0.75).strokeColor(emailColors.border).stroke();
        pdf.rect(x, top, 3.5, h).fill(color);
        let y = top + 8;
        y += this.put(r.f.label, x + 12, y, inner, { size: 9, color: emailColors.muted }) + 2;
        y += this.put(formatValue(r.f.value, r.f.format), x + 12, y, inner, { font: 'bold', size: 16, color: r.f.tone && r.f.tone !== 'neutral' ? color : emailColors.text }) + 2;
        if (r.detail) y += this.put(r.detail, x + 12, y, inner, { size: 8.5, color: emailColors.muted }) + 2;
        if (r.tone) this.put(r.tone.toUpperCase(), x + 12, y, inner, { font: 'bold', size: 7.5, color });
        if (r.f.href) pdf.link(x, top, w, h, this.url(r.f.href));
      });
      pdf.y = top + h + gap;
    }
  }

  table(b: Extract<PackBlock, { type: 'table' }>): void {
    const { pdf, doc } = this;
    if (b.title) {
      this.ensure(50);
      pdf.y += this.put(b.title, this.left, pdf.y, this.width, { font: 'bold', size: 11 }) + 4;
    }
    if (b.rows.length === 0) {
      pdf.y += this.put(b.empty ?? NOTHING_TO_SHOW, this.left, pdf.y, this.width, { font: 'italic', color: emailColors.muted }) + 8;
      return;
    }
    const size = 9;
    const pad = 4;
    const texts = b.rows.map((r) => b.columns.map((c, i) => formatCell(r.cells[i] ?? null, c.format, doc.time_zone)));
    // Columns as wide as their content asks, scaled to the page; text columns take what numbers leave.
    const natural = b.columns.map((c, i) => {
      const widest = Math.max(...[c.label, ...texts.map((t) => t[i]!)].map((s) => this.textWidth(s, 'bold', size)));
      return Math.min(widest + 2 * pad + 2, isNumericFormat(c.format) ? 110 : 260);
    });
    const total = natural.reduce((a, v) => a + v, 0);
    const widths = natural.map((w) => (w * this.width) / total);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((a, v) => a + v, 0));
    const headH = Math.max(...b.columns.map((c, i) => this.textHeight(c.label, 'bold', size, widths[i]! - 2 * pad))) + 2 * pad;
    const drawHead = () => {
      const top = pdf.y;
      b.columns.forEach((c, i) =>
        this.put(c.label, xs[i]! + pad, top + pad, widths[i]! - 2 * pad, { font: 'bold', size, color: emailColors.muted, align: isNumericFormat(c.format) ? 'right' : 'left' }),
      );
      pdf.moveTo(this.left, top + headH).lineTo(this.left + this.width, top + headH).lineWidth(1.2).strokeColor(emailColors.border).stroke();
      pdf.y = top + headH;
    };
    const rowHeights = texts.map((t) => Math.max(...t.map((s, i) => this.textHeight(s, 'regular', size, widths[i]! - 2 * pad))) + 2 * pad);
    // The header and the first rows together, never a header alone at the foot of a page.
    this.ensure(headH + rowHeights.slice(0, 3).reduce((a, v) => a + v, 0));
    drawHead();
    b.rows.forEach((r, k) => {
      const h = rowHeights[k]!;
      if (pdf.y + h > this.bottom) {
        pdf.addPage();
        drawHead();
      }
      const top = pdf.y;
      if (r.tone && r.tone !== 'neutral') {
        pdf.rect(this.left, top, this.width, h).fill(rowBackground[r.tone]);
        pdf.rect(this.left, top, 3, h).fill(emailColors[r.tone]);
      }
      b.columns.forEach((c, i) => {
        const link = i === 0 && r.href ? this.url(r.href) : undefined;
        this.put(texts[k]![i]!, xs[i]! + pad + (i === 0 ? 2 : 0), top + pad, widths[i]! - 2 * pad - (i === 0 ? 2 : 0), {
          size,
          align: isNumericFormat(c.format) ? 'right' : 'left',
          color: link ? emailColors.accent : emailColors.text,
          link,
        });
      });
      pdf.moveTo(this.left, top + h).lineTo(this.left + this.width, top + h).lineWidth(0.5).strokeColor(emailColors.border).stroke();
      pdf.y = top + h;
    });
    pdf.y += 10;
  }

  chart(b: ChartBlock): void {
    const { pdf } = this;
    const imgH = (this.width * CHART_SIZE.height) / CHART_SIZE.width;
    const titleH = this.textHeight(b.title, 'bold', 11, this.width);
    this.ensure(titleH + 6 + imgH + 10);
    const link = b.href ? this.url(b.href) : undefined;
    pdf.y += this.put(b.title, this.left, pdf.y, this.width, { font: 'bold', size: 11, link }) + 4;
    const top = pdf.y;
    pdf.image(chartPng(b, CHART_SIZE, { scale: 2 }), this.left, top, { width: this.width, height: imgH });
    if (link) pdf.link(this.left, top, this.width, imgH, link);
    pdf.y = top + imgH + 10;
  }

  list(b: Extract<PackBlock, { type: 'list' }>): void {
    const { pdf } = this;
    if (b.items.length === 0) {
      pdf.y += this.put(b.empty ?? NOTHING_TO_SHOW, this.left, pdf.y, this.width, { font: 'italic', color: emailColors.muted }) + 8;
      return;
    }
    const inner = this.width - 16;
    for (const item of b.items) {
      const tone = toneWord(item.tone, true);
      const text = `${item.text}${tone ? ` (${tone})` : ''}`;
      const h = this.textHeight(text, 'regular', 10, inner) + (item.detail ? this.textHeight(item.detail, 'regular', 9, inner) + 1 : 0) + 5;
      this.ensure(h);
      const top = pdf.y;
      pdf.circle(this.left + 4, top + 5.5, 2.6).fill(item.tone && item.tone !== 'neutral' ? emailColors[item.tone] : emailColors.muted);
      const link = item.href ? this.url(item.href) : undefined;
      let y = top + this.put(text, this.left + 16, top, inner, { link, color: link ? emailColors.accent : emailColors.text }) + 1;
      if (item.detail) y += this.put(item.detail, this.left + 16, y, inner, { size: 9, color: emailColors.muted });
      pdf.y = Math.max(y, top) + 4;
    }
    pdf.y += 6;
  }

  paragraphs(text: string): void {
    const { pdf } = this;
    for (const p of paragraphsOf(text)) {
      this.ensure(Math.min(this.textHeight(p, 'regular', 10, this.width), 40));
      // Flowing text: a paragraph longer than the page continues on the next one.
      const s = this.use(p, 'regular', 10);
      pdf.fillColor(emailColors.text).text(s, this.left, pdf.y, { width: this.width });
      pdf.y += 6;
    }
    pdf.y += 2;
  }

  /** Numbers every page once the length is known (pages are buffered). */
  footers(): void {
    const { pdf, doc } = this;
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      pdf.switchToPage(i);
      // Writing inside the bottom margin would make pdfkit open a new page.
      pdf.page.margins.bottom = 0;
      const y = pdf.page.height - MARGIN.bottom + 22;
      pdf.moveTo(this.left, y - 6).lineTo(this.left + this.width, y - 6).lineWidth(0.5).strokeColor(emailColors.border).stroke();
      this.put(`${doc.title} · ${generatedLine(doc)}`, this.left, y, this.width - 80, { size: 8, color: emailColors.muted });
      this.put(`Page ${i - range.start + 1} of ${range.count}`, this.left + this.width - 80, y, 80, { size: 8, color: emailColors.muted, align: 'right' });
      pdf.page.margins.bottom = MARGIN.bottom;
    }
  }
}

/** `fonts` defaults to the embedded Unicode font (Helvetica when it cannot be loaded). */
export async function renderPackPdf(doc: PackDocument, opts: { baseUrl: string; fonts?: PdfFonts }): Promise<Buffer> {
  const created = new Date(doc.generated_at);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: doc.title, Subject: doc.subtitle, Author: 'Revloop', Creator: 'Revloop', CreationDate: Number.isNaN(created.getTime()) ? undefined : created },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const w = new PackPdfWriter(pdf, doc, opts.baseUrl, opts.fonts ?? pdfFonts());
  w.header();
  w.agenda();
  doc.sections.forEach((s, i) => w.section(s, doc.agenda ? i + 1 : null));
  w.footers();
  pdf.end();
  return done;
}
