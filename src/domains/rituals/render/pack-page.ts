import type { Figure, PackBlock, PackDocument, PackSection, Tone } from '../pack-document.js';
import { emailColors, escapeHtml } from './email-shell.js';
import { absoluteUrl, agendaLine, agendaWarning, figureDetail, formatCell, formatValue, generatedLine, isNumericFormat, NOTHING_TO_SHOW, paragraphsOf, sectionMeta, toneWord } from './format-value.js';
import { chartSvg } from './pack-chart.js';

/**
 * The pack as one standalone HTML page: opened from the app, saved, or printed on A4 for the
 * meeting. Styles are embedded (the page must survive being saved as a file), charts are inline
 * SVG, and there is no script: what is printed is what is there.
 */

const CHART_SIZE = { width: 880, height: 300 };

const css = `
*{box-sizing:border-box}
body{margin:0;background:${emailColors.background};color:${emailColors.text};font:14px/1.5 -apple-system,'Segoe UI',Roboto,'DejaVu Sans','Liberation Sans',Helvetica,Arial,sans-serif}
main{max-width:960px;margin:24px auto;padding:32px 40px;background:#fff;border:1px solid ${emailColors.border};border-radius:8px}
a{color:${emailColors.accent}}
h1{margin:0;font-size:26px;line-height:1.25}
.subtitle{margin:6px 0 0;color:${emailColors.muted};font-size:15px}
h2{margin:0;font-size:19px;line-height:1.3}
h3{margin:0 0 8px;font-size:15px}
.section{margin-top:32px;padding-top:16px;border-top:2px solid ${emailColors.border}}
.section-head{display:flex;justify-content:space-between;align-items:baseline;gap:16px;margin-bottom:8px}
.meta{color:${emailColors.muted};font-size:13px;white-space:nowrap}
.block{margin:14px 0;break-inside:avoid;page-break-inside:avoid}
.block-table{break-inside:auto;page-break-inside:auto}
.agenda{margin-top:24px}
.agenda table{width:100%;border-collapse:collapse}
.agenda td,.agenda th{padding:5px 8px;border-bottom:1px solid ${emailColors.border};text-align:left}
.agenda .num{width:2.5em;color:${emailColors.muted}}
.agenda .min{text-align:right;white-space:nowrap}
.agenda tfoot td{font-weight:600;border-bottom:0}
.warning{margin:10px 0 0;padding:10px 12px;border:1px solid #f59e0b;border-left-width:4px;background:#fffbeb;color:#92400e;font-weight:600}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(190px,1fr));gap:12px}
.figure{display:block;padding:10px 12px;border:1px solid ${emailColors.border};border-left:4px solid ${emailColors.border};border-radius:6px;color:inherit;text-decoration:none;break-inside:avoid}
a.figure:hover{border-color:${emailColors.accent}}
.figure .label{font-size:13px;color:${emailColors.muted}}
.figure .value{font-size:24px;font-weight:700;line-height:1.3}
.figure .detail{font-size:12px;color:${emailColors.muted}}
.figure .tone{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
.tone-good{border-left-color:${emailColors.good}}.tone-good .value,.tone-good .tone{color:${emailColors.good}}
.tone-warning{border-left-color:${emailColors.warning}}.tone-warning .value,.tone-warning .tone{color:${emailColors.warning}}
.tone-bad{border-left-color:${emailColors.bad}}.tone-bad .value,.tone-bad .tone{color:${emailColors.bad}}
table.data{width:100%;border-collapse:collapse;font-size:13px}
table.data th{text-align:left;font-weight:600;color:${emailColors.muted};border-bottom:2px solid ${emailColors.border};padding:6px 8px}
table.data td{padding:6px 8px;border-bottom:1px solid ${emailColors.border};vertical-align:top}
table.data .n{text-align:right;white-space:nowrap}
tr.row-good td:first-child{box-shadow:inset 4px 0 ${emailColors.good}}
tr.row-warning td:first-child{box-shadow:inset 4px 0 ${emailColors.warning}}
tr.row-bad td:first-child{box-shadow:inset 4px 0 ${emailColors.bad}}
tr.row-good{background:#f0fdf4}tr.row-warning{background:#fffbeb}tr.row-bad{background:#fef2f2}
.empty{color:${emailColors.muted};font-style:italic;margin:4px 0}
.chart svg{display:block;max-width:100%;height:auto}
ul.items{margin:0;padding-left:20px}
ul.items li{margin:4px 0}
ul.items li::marker{color:${emailColors.muted}}
ul.items li.tone-good::marker{color:${emailColors.good}}ul.items li.tone-warning::marker{color:${emailColors.warning}}ul.items li.tone-bad::marker{color:${emailColors.bad}}
.item-detail{color:${emailColors.muted};font-size:13px}
.flag{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:.04em}
li.tone-warning .flag{color:${emailColors.warning}}li.tone-bad .flag{color:${emailColors.bad}}
.text p{margin:0 0 8px}
footer{margin-top:32px;padding-top:12px;border-top:1px solid ${emailColors.border};color:${emailColors.muted};font-size:12px}
@page{size:A4;margin:14mm 12mm}
@media print{
  body{background:#fff;font-size:11pt}
  main{max-width:none;margin:0;padding:0;border:0;border-radius:0}
  a{color:inherit;text-decoration:none}
  h1,h2,h3,.section-head{break-after:avoid;page-break-after:avoid}
  .section{margin-top:20px}
  thead{display:table-header-group}
  tr{break-inside:avoid;page-break-inside:avoid}
  .figure,tr,.warning{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

const e = escapeHtml;
const toneClass = (prefix: string, tone: Tone | undefined) => (tone && tone !== 'neutral' ? ` ${prefix}-${tone}` : '');

function figureHtml(f: Figure, baseUrl: string): string {
  const detail = figureDetail(f);
  const tone = toneWord(f.tone);
  const inner =
    `<div class="label">${e(f.label)}</div><div class="value">${e(formatValue(f.value, f.format))}</div>` +
    (detail ? `<div class="detail">${e(detail)}</div>` : '') +
    (tone ? `<div class="tone">${e(tone)}</div>` : '');
  const cls = `figure${toneClass('tone', f.tone)}`;
  return f.href ? `<a class="${cls}" href="${e(absoluteUrl(baseUrl, f.href))}">${inner}</a>` : `<div class="${cls}">${inner}</div>`;
}

const link = (text: string, href: string | undefined, baseUrl: string) => (href ? `<a href="${e(absoluteUrl(baseUrl, href))}">${e(text)}</a>` : e(text));

function textParagraphs(text: string): string {
  return paragraphsOf(text)
    .map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function blockHtml(block: PackBlock, doc: PackDocument, baseUrl: string): string {
  switch (block.type) {
    case 'figures':
      return `<div class="block figures">${block.items.map((f) => figureHtml(f, baseUrl)).join('')}</div>`;
    case 'table': {
      const title = block.title ? `<h3>${e(block.title)}</h3>` : '';
      if (block.rows.length === 0) return `<div class="block">${title}<p class="empty">${e(block.empty ?? NOTHING_TO_SHOW)}</p></div>`;
      const head = block.columns.map((c) => `<th${isNumericFormat(c.format) ? ' class="n"' : ''}>${e(c.label)}</th>`).join('');
      const rows = block.rows
        .map((r) => {
          const cells = block.columns.map((c, i) => {
            const text = formatCell(r.cells[i] ?? null, c.format, doc.time_zone);
            return `<td${isNumericFormat(c.format) ? ' class="n"' : ''}>${i === 0 ? link(text, r.href, baseUrl) : e(text)}</td>`;
          });
          return `<tr${r.tone && r.tone !== 'neutral' ? ` class="row-${r.tone}"` : ''}>${cells.join('')}</tr>`;
        })
        .join('');
      return `<div class="block block-table">${title}<table class="data"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
    }
    case 'chart':
      return `<figure class="block chart"><h3>${link(block.title, block.href, baseUrl)}</h3>${chartSvg(block, CHART_SIZE)}</figure>`;
    case 'list': {
      if (block.items.length === 0) return `<div class="block"><p class="empty">${e(block.empty ?? NOTHING_TO_SHOW)}</p></div>`;
      const items = block.items
        .map((i) => `<li${i.tone && i.tone !== 'neutral' ? ` class="tone-${i.tone}"` : ''}>${link(i.text, i.href, baseUrl)}${toneWord(i.tone, true) ? ` <span class="flag">${e(toneWord(i.tone, true))}</span>` : ''}${i.detail ? ` <span class="item-detail">— ${e(i.detail)}</span>` : ''}</li>`)
        .join('');
      return `<div class="block"><ul class="items">${items}</ul></div>`;
    }
    case 'text':
      return `<div class="block text">${textParagraphs(block.text)}</div>`;
  }
}

const sectionId = (s: PackSection) => `section-${s.key}`;

function agendaHtml(doc: PackDocument): string {
  if (!doc.agenda) return '';
  const rows = doc.sections
    .map(
      (s, i) =>
        `<tr><td class="num">${i + 1}.</td><td><a href="#${e(sectionId(s))}">${e(s.title)}</a></td><td>${e(s.presenter ?? '')}</td><td class="min">${s.minutes !== null ? `${s.minutes} min` : ''}</td></tr>`,
    )
    .join('');
  const warning = agendaWarning(doc.agenda);
  return (
    `<section class="agenda block"><h2>Agenda</h2><table><tbody>${rows}</tbody>` +
    `<tfoot><tr><td></td><td colspan="3">${e(agendaLine(doc.agenda))}</td></tr></tfoot></table>` +
    (warning ? `<p class="warning" role="alert">${e(warning)}</p>` : '') +
    `</section>`
  );
}

export function renderPackPage(doc: PackDocument, opts: { baseUrl: string }): string {
  const sections = doc.sections
    .map((s) => {
      const meta = sectionMeta(s);
      return (
        `<section class="section" id="${e(sectionId(s))}"><div class="section-head"><h2>${e(s.title)}</h2>${meta ? `<span class="meta">${e(meta)}</span>` : ''}</div>` +
        s.blocks.map((b) => blockHtml(b, doc, opts.baseUrl)).join('\n') +
        `</section>`
      );
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)} — ${e(doc.subtitle)}</title>
<style>${css}</style></head>
<body><main>
<header><h1>${e(doc.title)}</h1><p class="subtitle">${e(doc.subtitle)}</p></header>
${agendaHtml(doc)}
${sections}
<footer>${e(generatedLine(doc))}</footer>
</main></body></html>
`;
}
