import type { MailAttachment } from '../../alerts/deliver.js';
import type { Figure, PackBlock, PackDocument, Tone } from '../pack-document.js';
import { emailColors, emailShell, escapeHtml } from './email-shell.js';
import { absoluteUrl, agendaLine, agendaWarning, type CellFormat, figureDetail, figuresPerRow, formatCell, formatValue, generatedLine, isNumericFormat, NOTHING_TO_SHOW, paragraphsOf, sectionMeta, toneWord } from './format-value.js';
import { chartPng, type ChartBlock } from './pack-chart.js';
import { renderPackText } from './pack-text.js';

/**
 * The pack as an HTML email: inline styles and table layout only (clients drop <style> and run no
 * script), charts as PNG images attached inline (cid), every link absolute. The text part is
 * renderPackText, so both parts carry the same figures.
 */

/** The content column of emailShell: 640 px less its 24 px padding on each side. */
const CONTENT_WIDTH = 592;
const CHART_SIZE = { width: CONTENT_WIDTH, height: 260 };

const e = escapeHtml;
const toneColor = (tone: Tone | undefined) => (tone ? emailColors[tone] : emailColors.text);
const rowBackground: Record<Tone, string> = { good: '#f0fdf4', warning: '#fffbeb', bad: '#fef2f2', neutral: '#ffffff' };
const linkStyle = `color:${emailColors.accent};text-decoration:underline`;

function a(text: string, href: string | undefined, baseUrl: string, style = linkStyle): string {
  return href ? `<a href="${e(absoluteUrl(baseUrl, href))}" style="${style}">${e(text)}</a>` : e(text);
}

function figureCell(f: Figure, baseUrl: string, width: string): string {
  const detail = figureDetail(f);
  const tone = toneWord(f.tone);
  const border = f.tone && f.tone !== 'neutral' ? emailColors[f.tone] : emailColors.border;
  const value = `<span style="font-size:22px;line-height:28px;font-weight:bold;color:${toneColor(f.tone === 'neutral' ? undefined : f.tone)}">${e(formatValue(f.value, f.format))}</span>`;
  const label = `<span style="font-size:12px;line-height:16px;color:${emailColors.muted}">${e(f.label)}</span>`;
  const body =
    `${label}<br>${f.href ? `<a href="${e(absoluteUrl(baseUrl, f.href))}" style="text-decoration:none;color:inherit">${value}</a>` : value}` +
    (detail ? `<br><span style="font-size:12px;line-height:16px;color:${emailColors.muted}">${e(detail)}</span>` : '') +
    (tone ? `<br><span style="font-size:11px;line-height:16px;font-weight:bold;text-transform:uppercase;color:${border}">${e(tone)}</span>` : '');
  return `<td width="${width}" valign="top" style="padding:4px;width:${width}"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid ${emailColors.border};border-left:4px solid ${border};border-radius:6px"><tr><td style="padding:8px 10px">${body}</td></tr></table></td>`;
}

function figuresHtml(items: Figure[], baseUrl: string): string {
  const perRow = figuresPerRow(items.length);
  const width = `${Math.floor(100 / perRow)}%`;
  const rows: string[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const cells = items.slice(i, i + perRow).map((f) => figureCell(f, baseUrl, width));
    while (cells.length < perRow) cells.push(`<td width="${width}" style="padding:4px;width:${width}"></td>`);
    rows.push(`<tr>${cells.join('')}</tr>`);
  }
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:8px 0;border-collapse:separate">${rows.join('')}</table>`;
}

const emptyP = (text: string | undefined) => `<p style="margin:8px 0;color:${emailColors.muted};font-style:italic">${e(text ?? NOTHING_TO_SHOW)}</p>`;
const h3 = (inner: string) => `<h3 style="margin:16px 0 6px;font-size:15px;line-height:20px;color:${emailColors.text}">${inner}</h3>`;

interface Chart {
  block: ChartBlock;
  cid: string;
  filename: string;
}

function blockHtml(block: PackBlock, doc: PackDocument, baseUrl: string, charts: Chart[]): string {
  switch (block.type) {
    case 'figures':
      return figuresHtml(block.items, baseUrl);
    case 'table': {
      const title = block.title ? h3(e(block.title)) : '';
      if (block.rows.length === 0) return title + emptyP(block.empty);
      const cellStyle = (c: { format: CellFormat }, extra = '') =>
        `padding:6px 8px;border-bottom:1px solid ${emailColors.border};text-align:${isNumericFormat(c.format) ? 'right' : 'left'};vertical-align:top${extra}`;
      const head = block.columns
        .map((c) => `<th style="${cellStyle(c, `;font-size:12px;font-weight:bold;color:${emailColors.muted};border-bottom:2px solid ${emailColors.border}`)}">${e(c.label)}</th>`)
        .join('');
      const rows = block.rows
        .map((r) => {
          const cells = block.columns.map((c, i) => {
            const text = formatCell(r.cells[i] ?? null, c.format, doc.time_zone);
            const marker = i === 0 && r.tone && r.tone !== 'neutral' ? `;border-left:4px solid ${emailColors[r.tone]}` : '';
            const nowrap = isNumericFormat(c.format) ? ';white-space:nowrap' : '';
            return `<td style="${cellStyle(c, marker + nowrap)}">${i === 0 ? a(text, r.href, baseUrl) : e(text)}</td>`;
          });
          return `<tr style="background:${rowBackground[r.tone ?? 'neutral']}">${cells.join('')}</tr>`;
        })
        .join('');
      return `${title}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:13px;line-height:18px;margin:4px 0 8px"><tr>${head}</tr>${rows}</table>`;
    }
    case 'chart': {
      const n = charts.length + 1;
      const chart = { block, cid: `chart-${n}.${doc.period}@revloop`, filename: `chart-${n}.png` };
      charts.push(chart);
      const img = `<img src="cid:${e(chart.cid)}" width="${CHART_SIZE.width}" height="${CHART_SIZE.height}" alt="${e(block.title)}" style="display:block;width:100%;max-width:${CHART_SIZE.width}px;height:auto;border:0">`;
      const linked = block.href ? `<a href="${e(absoluteUrl(baseUrl, block.href))}" style="display:block;text-decoration:none">${img}</a>` : img;
      return `${h3(a(block.title, block.href, baseUrl, `color:${emailColors.text};text-decoration:none`))}${linked}`;
    }
    case 'list': {
      if (block.items.length === 0) return emptyP(block.empty);
      const rows = block.items
        .map((i) => {
          const dot = `<td width="16" valign="top" style="width:16px;padding:4px 0;font-size:14px;line-height:21px;color:${i.tone && i.tone !== 'neutral' ? emailColors[i.tone] : emailColors.muted}">&#9679;</td>`;
          const tone = toneWord(i.tone, true) ? ` <span style="font-size:11px;font-weight:bold;text-transform:uppercase;color:${toneColor(i.tone)}">${e(toneWord(i.tone, true))}</span>` : '';
          const detail = i.detail ? `<br><span style="font-size:13px;color:${emailColors.muted}">${e(i.detail)}</span>` : '';
          return `<tr>${dot}<td style="padding:4px 0;font-size:14px;line-height:21px">${a(i.text, i.href, baseUrl)}${tone}${detail}</td></tr>`;
        })
        .join('');
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:4px 0 8px">${rows}</table>`;
    }
    case 'text':
      return paragraphs(block.text);
  }
}

function paragraphs(text: string): string {
  return paragraphsOf(text)
    .map((p) => `<p style="margin:8px 0">${e(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

function agendaHtml(doc: PackDocument): string {
  if (!doc.agenda) return '';
  const td = `padding:4px 6px;border-bottom:1px solid ${emailColors.border};font-size:13px;line-height:18px`;
  const rows = doc.sections
    .map(
      (s, i) =>
        `<tr><td style="${td};color:${emailColors.muted};width:24px">${i + 1}.</td><td style="${td}">${e(s.title)}</td><td style="${td};color:${emailColors.muted}">${e(s.presenter ?? '')}</td><td style="${td};text-align:right;white-space:nowrap">${s.minutes !== null ? `${s.minutes} min` : ''}</td></tr>`,
    )
    .join('');
  const warning = agendaWarning(doc.agenda);
  return (
    `<h2 style="margin:16px 0 6px;font-size:18px;line-height:24px;color:${emailColors.text}">Agenda</h2>` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse">${rows}` +
    `<tr><td style="padding:6px"></td><td colspan="3" style="padding:6px;font-size:13px;font-weight:bold">${e(agendaLine(doc.agenda))}</td></tr></table>` +
    (warning
      ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:8px 0"><tr><td style="padding:10px 12px;background:#fffbeb;border:1px solid #f59e0b;border-left:4px solid #f59e0b;color:#92400e;font-weight:bold;font-size:13px">${e(warning)}</td></tr></table>`
      : '')
  );
}

/** "Weekly Smarketing meeting — Week of 23–29 November 2026": the subject names the period. */
export function packSubject(doc: PackDocument): string {
  const when = doc.subtitle.split(' · ')[0]!.trim();
  const subject = when && !doc.title.includes(when) ? `${doc.title} — ${when}` : doc.title;
  return subject.replace(/\s+/g, ' ').trim();
}

export async function renderPackEmail(
  doc: PackDocument,
  opts: { baseUrl: string; intro?: string; footer?: string },
): Promise<{ subject: string; html: string; text: string; attachments: MailAttachment[] }> {
  const charts: Chart[] = [];
  const sections = doc.sections
    .map((s) => {
      const meta = sectionMeta(s);
      const head =
        `<h2 style="margin:24px 0 4px;padding-top:12px;border-top:2px solid ${emailColors.border};font-size:18px;line-height:24px;color:${emailColors.text}">${e(s.title)}</h2>` +
        (meta ? `<p style="margin:0 0 6px;font-size:13px;color:${emailColors.muted}">${e(meta)}</p>` : '');
      return head + s.blocks.map((b) => blockHtml(b, doc, opts.baseUrl, charts)).join('');
    })
    .join('');
  const figures = doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'figures' ? b.items : [])));
  const preheader = figures
    .slice(0, 3)
    .map((f) => `${f.label} ${formatValue(f.value, f.format)}`)
    .join(' · ');
  const footer = [opts.footer ? e(opts.footer) : null, e(generatedLine(doc))].filter(Boolean).join('<br>');
  const html = emailShell({
    title: doc.title,
    subtitle: doc.subtitle,
    preheader: preheader || undefined,
    bodyHtml: (opts.intro ? paragraphs(opts.intro) : '') + agendaHtml(doc) + sections,
    footerHtml: footer,
  });
  const attachments = charts.map((c) => ({ filename: c.filename, content: chartPng(c.block, CHART_SIZE, { scale: 2 }), contentType: 'image/png', cid: c.cid }));
  let text = renderPackText(doc, { baseUrl: opts.baseUrl });
  if (opts.intro) text = `${opts.intro.trim()}\n\n${text}`;
  if (opts.footer) text = `${text}\n${opts.footer.trim()}\n`;
  return { subject: packSubject(doc), html, text, attachments };
}
