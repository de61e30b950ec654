/**
 * The frame every Revloop email shares (meeting packs, the weekly update, daily dashboards):
 * a centred 640 px table layout with inline styles only, because email clients drop <style>
 * blocks and never run scripts. Content builders pass escaped HTML for the body.
 */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const emailColors = {
  text: '#1f2937',
  muted: '#6b7280',
  border: '#e5e7eb',
  accent: '#2563eb',
  background: '#f3f4f6',
  good: '#15803d',
  warning: '#b45309',
  bad: '#b91c1c',
  neutral: '#374151',
} as const;

export const emailFont = "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

export interface EmailShell {
  /** The <title> and the heading at the top. */
  title: string;
  /** One line under the title. */
  subtitle?: string;
  /** Hidden preview text most clients show next to the subject. */
  preheader?: string;
  /** Already-escaped HTML of the content. */
  bodyHtml: string;
  /** Already-escaped HTML of the footer (why the reader gets this email, where to change it). */
  footerHtml?: string;
  /** Extra HTML placed last, e.g. an open-tracking pixel. */
  trailerHtml?: string;
}

export function emailShell(e: EmailShell): string {
  const pre = e.preheader
    ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(e.preheader)}</div>`
    : '';
  const sub = e.subtitle ? `<p style="margin:4px 0 0;font-size:14px;color:${emailColors.muted}">${escapeHtml(e.subtitle)}</p>` : '';
  const footer = e.footerHtml ? `<p style="margin:0;font-size:12px;line-height:18px;color:${emailColors.muted}">${e.footerHtml}</p>` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(e.title)}</title></head>
<body style="margin:0;padding:0;background:${emailColors.background};font-family:${emailFont};color:${emailColors.text}">
${pre}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${emailColors.background}"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:640px;background:#ffffff;border:1px solid ${emailColors.border};border-radius:8px">
<tr><td style="padding:24px 24px 8px"><h1 style="margin:0;font-size:22px;line-height:28px;color:${emailColors.text}">${escapeHtml(e.title)}</h1>${sub}</td></tr>
<tr><td style="padding:8px 24px 24px;font-size:14px;line-height:21px">${e.bodyHtml}</td></tr>
${footer ? `<tr><td style="padding:16px 24px;border-top:1px solid ${emailColors.border}">${footer}</td></tr>` : ''}
</table>${e.trailerHtml ?? ''}
</td></tr></table>
</body></html>`;
}
