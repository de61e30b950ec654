import { describe, expect, it } from 'vitest';
import { smtpMailer } from '../../../app/mailer.js';
import { startSmtpSink } from '../../../testing/smtp-sink.js';
import { escapeHtml } from './email-shell.js';
import { renderPackEmail } from './pack-email.js';
import { decodePng, PNG_SIGNATURE } from './png-testing.js';
import { hostilePack, hostileText, samplePack } from './sample-pack.js';

const baseUrl = 'https://crm.example.com';
const opts = { baseUrl, intro: 'Hi team,\nthe pack for Thursday is below.', footer: 'You get this email as an attendee of the weekly Smarketing meeting.' };

/** Opening tags, with quoted attribute values blanked so their text cannot fool the checks. */
const tagsOf = (html: string) => (html.match(/<[a-z][a-z0-9]*(\s[^>]*)?>/gi) ?? []).map((t) => ({ raw: t, bare: t.replace(/"[^"]*"/g, '""') }));

describe('renderPackEmail', async () => {
  const doc = samplePack();
  const mail = await renderPackEmail(doc, opts);

  it('names the pack and its period in the subject', () => {
    expect(mail.subject).toBe('Weekly Smarketing meeting — Week of 23–29 November 2026');
  });

  it('styles everything inline: no <style>, no classes, no scripts', () => {
    expect(mail.html).not.toMatch(/<style/i);
    expect(mail.html).not.toMatch(/<script/i);
    const tags = tagsOf(mail.html);
    expect(tags.filter((t) => /\sclass=/i.test(t.bare))).toEqual([]);
    expect(tags.filter((t) => /\son[a-z]+=/i.test(t.bare))).toEqual([]);
    const visible = tags.filter((t) => /^<(a|p|td|th|table|h1|h2|h3|img|span|div|body|ul|li)[\s>]/i.test(t.raw));
    expect(visible.length).toBeGreaterThan(100);
    expect(visible.filter((t) => !/\sstyle="[^"]+"/.test(t.raw)).map((t) => t.raw)).toEqual([]);
  });

  it('shows each chart as an inline PNG attachment', () => {
    const cids = [...mail.html.matchAll(/<img src="cid:([^"]+)"/g)].map((m) => m[1]!);
    expect(cids).toHaveLength(3);
    expect(new Set(cids).size).toBe(3);
    expect(mail.attachments.map((a) => a.cid).sort()).toEqual([...cids].sort());
    for (const a of mail.attachments) {
      expect(a.contentType).toBe('image/png');
      expect(a.filename).toMatch(/^chart-\d\.png$/);
      expect(a.content.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(a.content.length).toBeGreaterThan(5_000);
      expect(a.content.length).toBeLessThan(500_000);
      // Drawn at twice the size the email shows it, for sharp screens.
      const img = decodePng(a.content);
      expect([img.width, img.height]).toEqual([1184, 520]);
    }
    expect(mail.html).toContain('alt="Cumulative MQL value against the pace to target" style="display:block;width:100%;max-width:592px;height:auto;border:0"');
  });

  it('links with absolute URLs only', () => {
    const hrefs = [...mail.html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThanOrEqual(14);
    expect(hrefs.filter((h) => !h.startsWith('https://crm.example.com/'))).toEqual([]);
    expect(hrefs).toContain('https://crm.example.com/sla?owner=7');
    expect(hrefs).toContain('https://crm.example.com/marketing-sla?month=2026-11');
  });

  it('carries the figures, the agenda warning, the intro and the footer in both parts', () => {
    for (const s of doc.sections) expect(mail.html).toContain(`>${escapeHtml(s.title)}</h2>`);
    expect(mail.html).toContain('>€20,280</span>');
    expect(mail.html).toContain('>91.4%</span>');
    expect(mail.html).toContain('The agenda runs 3 minutes over the 35-minute meeting');
    expect(mail.html).toContain('<p style="margin:8px 0">Hi team,<br>the pack for Thursday is below.</p>');
    expect(mail.html).toContain('You get this email as an attendee of the weekly Smarketing meeting.<br>Generated 3 Dec 2026, 09:00 (Europe/Madrid)');
    expect(mail.text.startsWith('Hi team,\nthe pack for Thursday is below.\n\nWeekly Smarketing meeting\n')).toBe(true);
    expect(mail.text).toContain('* MQL value: €20,280 (off track)\n  of €30,000 target · projected €23,400\n  https://crm.example.com/marketing-sla?month=2026-11\n');
    expect(mail.text).toContain('* Leads called within 4 h: 91.4% (on track)');
    expect(mail.text).toContain('WARNING: The agenda runs 3 minutes over');
    expect(mail.text.trimEnd().endsWith('You get this email as an attendee of the weekly Smarketing meeting.')).toBe(true);
  });

  it('shows a hostile label as text', async () => {
    const m = await renderPackEmail(hostilePack(), { baseUrl, intro: hostileText, footer: hostileText });
    expect(m.html).not.toContain('<img src=x');
    expect(m.html).not.toMatch(/<script/i);
    expect(tagsOf(m.html).filter((t) => /\son[a-z]+=/i.test(t.bare))).toEqual([]);
    expect(m.html).toContain(`Figure ${escapeHtml(hostileText)}`);
    expect(m.html).toContain(`<p style="margin:8px 0">${escapeHtml(hostileText)}</p>`);
    expect(m.attachments).toHaveLength(1);
    expect(m.subject).toBe(`Daily ${hostileText} — Subtitle ${hostileText}`);
  });

  it('goes through a real SMTP server as a related multipart with the images', async () => {
    const smtp = await startSmtpSink();
    try {
      const mailer = smtpMailer(smtp.url, 'Revloop <packs@revloop.test>')!;
      await mailer.send({ to: 'ana@revloop.test', subject: mail.subject, text: mail.text, html: mail.html, attachments: mail.attachments });
      expect(smtp.mails.map((m) => m.to)).toEqual([['ana@revloop.test']]);
      const raw = smtp.mails[0]!.data;
      expect(raw).toMatch(/Content-Type: multipart\/related/);
      for (const a of mail.attachments) expect(raw).toContain(`Content-ID: <${a.cid}>`);
      expect(raw.match(/Content-Type: image\/png/g)).toHaveLength(3);
      expect(raw).toMatch(/Content-Type: text\/plain/);
    } finally {
      await smtp.close();
    }
  });
});
