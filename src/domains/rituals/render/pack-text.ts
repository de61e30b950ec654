import type { PackBlock, PackDocument } from '../pack-document.js';
import { absoluteUrl, agendaLine, agendaWarning, figureDetail, formatCell, formatValue, generatedLine, isNumericFormat, NO_VALUE, NOTHING_TO_SHOW, paragraphsOf, sectionMeta, toneWord } from './format-value.js';

/**
 * The pack as plain text: the text part of every pack email, for clients that show no HTML and
 * for readers that quote it in a reply. Every figure is there with its link; charts become
 * their numbers.
 */

const MAX_CHART_ROWS = 12;

const withTone = (text: string, tone: Parameters<typeof toneWord>[0], flagOnly = false) => (toneWord(tone, flagOnly) ? `${text} (${toneWord(tone, flagOnly)})` : text);

function columns(rows: string[][], numeric: boolean[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows.map((r) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function chartText(block: Extract<PackBlock, { type: 'chart' }>): string[] {
  if (block.categories.length === 0 || block.series.length === 0) return ['  No data for this period.'];
  if (block.categories.length <= MAX_CHART_ROWS) {
    const rows = [['', ...block.series.map((s) => s.name)], ...block.categories.map((c, i) => [c, ...block.series.map((s) => formatValue(s.values[i], block.format))])];
    return columns(rows, [false, ...block.series.map(() => true)]).map((l) => `  ${l}`);
  }
  // A long series (days of a month) reads as where it stands now, not as 30 lines.
  return block.series.map((s) => {
    let last = -1;
    s.values.forEach((v, i) => {
      if (v !== null) last = i;
    });
    return last < 0 ? `  ${s.name}: ${NO_VALUE}` : `  ${s.name}: ${formatValue(s.values[last], block.format)} at ${block.categories[last]}`;
  });
}

function blockText(block: PackBlock, doc: PackDocument, baseUrl: string): string[] {
  const url = (href: string | undefined) => (href ? [`  ${absoluteUrl(baseUrl, href)}`] : []);
  switch (block.type) {
    case 'figures':
      return block.items.flatMap((f) => {
        const detail = figureDetail(f);
        return [`* ${f.label}: ${withTone(formatValue(f.value, f.format), f.tone)}`, ...(detail ? [`  ${detail}`] : []), ...url(f.href)];
      });
    case 'table': {
      const title = block.title ? [`${block.title}:`] : [];
      if (block.rows.length === 0) return [...title, `  ${block.empty ?? NOTHING_TO_SHOW}`];
      const numeric = block.columns.map((c) => isNumericFormat(c.format));
      const cells = block.rows.map((r) => block.columns.map((c, i) => formatCell(r.cells[i] ?? null, c.format, doc.time_zone)));
      const lines = columns([block.columns.map((c) => c.label), ...cells], numeric);
      const out = [...title, `  ${lines[0]}`];
      block.rows.forEach((r, i) => {
        out.push(`  ${lines[i + 1]}${toneWord(r.tone, true) ? `  (${toneWord(r.tone, true)})` : ''}`);
        if (r.href) out.push(`    ${absoluteUrl(baseUrl, r.href)}`);
      });
      return out;
    }
    case 'chart':
      return [`${block.title}:`, ...chartText(block), ...url(block.href)];
    case 'list':
      if (block.items.length === 0) return [`  ${block.empty ?? NOTHING_TO_SHOW}`];
      return block.items.flatMap((i) => [`- ${withTone(i.text, i.tone, true)}${i.detail ? ` — ${i.detail}` : ''}`, ...url(i.href)]);
    case 'text':
      return paragraphsOf(block.text).flatMap((p, i) => (i === 0 ? [p] : ['', p]));
  }
}

export function renderPackText(doc: PackDocument, opts: { baseUrl: string }): string {
  const out: string[] = [doc.title, '='.repeat(Math.min(72, [...doc.title].length)), doc.subtitle, ''];
  if (doc.agenda) {
    out.push('AGENDA');
    doc.sections.forEach((s, i) => {
      const meta = sectionMeta(s);
      out.push(`${String(i + 1).padStart(2)}. ${s.title}${meta ? ` — ${meta}` : ''}`);
    });
    out.push(agendaLine(doc.agenda));
    const warning = agendaWarning(doc.agenda);
    if (warning) out.push(`WARNING: ${warning}`);
    out.push('');
  }
  doc.sections.forEach((s, i) => {
    const meta = sectionMeta(s);
    const heading = `${doc.agenda ? `${i + 1}. ` : ''}${s.title}${meta ? ` — ${meta}` : ''}`;
    out.push(heading, '-'.repeat(Math.min(72, [...heading].length)));
    s.blocks.forEach((b, j) => {
      if (j > 0) out.push('');
      out.push(...blockText(b, doc, opts.baseUrl));
    });
    out.push('');
  });
  out.push(generatedLine(doc));
  return `${out.join('\n')}\n`;
}
