import { clickUrl, openPixelUrl } from '../notify/tracking-links.js';
import { emailColors, emailShell, escapeHtml } from '../rituals/render/email-shell.js';
import type { Promotion, WeeklyUpdate } from './update-content.js';
import { dayLabel } from './update-defaults.js';

export interface UpdateEmailOptions {
  /** Where the app is reached (tracking endpoints, the updates page). */
  baseUrl: string;
  /** Signs the recipient's tracking links. */
  secret: string;
  /** The recipient: every link and the pixel name them, so hits are theirs. */
  userId: number;
  /** When this recipient's copy is sent: the scanner window counts from it. */
  sentAt: Date;
}

/** The ref of an update in ritual_emails and in its tracking tokens. */
export const updateRef = (id: number) => `update:${id}`;

/** Expected leads as the email says them: a campaign over its first days (its basis says so), an asset per week. */
export function expectedLabel(p: Promotion): string {
  if (p.expected_leads === null) return `Expected new leads: unknown (${p.expected_basis})`;
  const n = p.expected_leads;
  // A campaign's basis names its span (its first days); an asset's figure is per week.
  return `Expected: about ${n} new lead${n === 1 ? '' : 's'}${p.kind === 'asset' ? ' a week' : ''} (${p.expected_basis})`;
}

/** The start day, unless the excerpt already says it (the default excerpt of a campaign does). */
const startLine = (p: Promotion) => (p.starts_on && !p.excerpt.includes(dayLabel(p.starts_on)) ? `Starts ${dayLabel(p.starts_on)}` : null);

/** Promotions of this week (no start, or before next Monday) and of next week. */
export function splitWeeks(promotions: readonly Promotion[], nextWeekStart: string): { thisWeek: Promotion[]; nextWeek: Promotion[] } {
  return {
    thisWeek: promotions.filter((p) => !p.starts_on || p.starts_on < nextWeekStart),
    nextWeek: promotions.filter((p) => p.starts_on && p.starts_on >= nextWeekStart),
  };
}

const nextMonday = (weekStart: string) => new Date(Date.parse(`${weekStart}T00:00:00Z`) + 7 * 86400_000).toISOString().slice(0, 10);
const paragraphs = (text: string, style: string) =>
  text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p) => `<p style="${style}">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('');

/**
 * One recipient's copy of an update: responsive HTML inside emailShell (inline styles, one column
 * that narrows with the screen), and the same content as plain text. Every link goes through the
 * recipient's signed click URL and the HTML ends with their open pixel.
 */
export function renderUpdateEmail(u: WeeklyUpdate, o: UpdateEmailOptions): { subject: string; html: string; text: string } {
  const base = o.baseUrl.replace(/\/+$/, '');
  const token = { e: updateRef(u.id), r: o.userId, t: Math.floor(o.sentAt.getTime() / 1000) };
  const track = (url: string) => clickUrl(base, o.secret, { ...token, u: url });
  const { thisWeek, nextWeek } = splitWeeks(u.promotions, nextMonday(u.week_start));

  const h2 = (t: string) => `<h2 style="margin:24px 0 8px;font-size:17px;line-height:24px;color:${emailColors.text}">${escapeHtml(t)}</h2>`;
  const muted = `margin:2px 0 0;font-size:13px;line-height:19px;color:${emailColors.muted}`;
  const body = 'margin:6px 0 0;font-size:14px;line-height:21px';
  const titleHtml = (title: string, url: string | null) =>
    url ? `<a href="${escapeHtml(track(url))}" style="color:${emailColors.accent};text-decoration:underline">${escapeHtml(title)}</a>` : escapeHtml(title);
  const item = (inner: string) => `<div style="margin:0 0 16px;padding:12px 14px;border:1px solid ${emailColors.border};border-radius:6px">${inner}</div>`;
  const promoHtml = (p: Promotion) =>
    item(
      `<p style="margin:0;font-size:15px;line-height:22px;font-weight:600">${titleHtml(p.title, p.url)}</p>` +
        (startLine(p) ? `<p style="${muted}">${escapeHtml(startLine(p)!)}</p>` : '') +
        (p.excerpt ? `<p style="${body}">${escapeHtml(p.excerpt)}</p>` : '') +
        `<p style="${muted}">${escapeHtml(expectedLabel(p))}</p>`,
    );
  const section = (title: string, promos: Promotion[]) => (promos.length ? h2(title) + promos.map(promoHtml).join('') : '');

  const bodyHtml = [
    u.intro ? paragraphs(u.intro, 'margin:0 0 8px') : '',
    section('This week', thisWeek),
    section('Next week', nextWeek),
    u.lead_sources ? h2('Where new leads will come from') + paragraphs(u.lead_sources, 'margin:0 0 8px') : '',
    u.product_updates.length
      ? h2('Product updates') +
        u.product_updates
          .map((p) => item(`<p style="margin:0;font-size:15px;line-height:22px;font-weight:600">${titleHtml(p.title, p.url)}</p>${p.body ? paragraphs(p.body, body) : ''}`))
          .join('')
      : '',
  ].join('');
  const html = emailShell({
    title: u.subject,
    subtitle: `Week ${u.week.split('-W')[1]}, from marketing to sales`,
    preheader: [...thisWeek, ...nextWeek].map((p) => p.title).slice(0, 3).join(' · ') || u.intro,
    bodyHtml,
    footerHtml: `You get this weekly update as a member of the sales team in Revloop. Past updates: <a href="${escapeHtml(`${base}/updates`)}" style="color:${emailColors.muted}">${escapeHtml(`${base}/updates`)}</a>`,
    trailerHtml: `<img src="${escapeHtml(openPixelUrl(base, o.secret, token))}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px">`,
  });

  const lines: string[] = [u.subject, '='.repeat(Math.min(u.subject.length, 70)), ''];
  if (u.intro) lines.push(u.intro, '');
  const promoText = (title: string, promos: Promotion[]) => {
    if (!promos.length) return;
    lines.push(title.toUpperCase(), '');
    for (const p of promos) {
      lines.push(`* ${p.title}`);
      if (startLine(p)) lines.push(`  ${startLine(p)}`);
      if (p.excerpt) lines.push(`  ${p.excerpt}`);
      lines.push(`  ${expectedLabel(p)}`);
      if (p.url) lines.push(`  ${track(p.url)}`);
      lines.push('');
    }
  };
  promoText('This week', thisWeek);
  promoText('Next week', nextWeek);
  if (u.lead_sources) lines.push('WHERE NEW LEADS WILL COME FROM', '', u.lead_sources, '');
  if (u.product_updates.length) {
    lines.push('PRODUCT UPDATES', '');
    for (const p of u.product_updates) {
      lines.push(`* ${p.title}`);
      if (p.body) lines.push(...p.body.split('\n').map((l) => `  ${l}`));
      if (p.url) lines.push(`  ${track(p.url)}`);
      lines.push('');
    }
  }
  lines.push('--', `You get this weekly update as a member of the sales team in Revloop. Past updates: ${base}/updates`);
  return { subject: u.subject, html, text: lines.join('\n') };
}
