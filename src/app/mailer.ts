import nodemailer from 'nodemailer';
import type { Mailer } from '../domains/alerts/deliver.js';

/**
 * Emails (alerts, meeting packs, the weekly update, daily dashboards) over SMTP (SMTP_URL, e.g. smtp://user:pass@smtp.example.com:587); MAIL_FROM names
 * the sender. Without SMTP_URL there is no mailer and emails stay in the outbox.
 */
export function smtpMailer(smtpUrl: string | undefined, from = 'Revloop <revloop@localhost>'): Mailer | null {
  if (!smtpUrl) return null;
  // nodemailer waits an hour on a silent server by default: a send must end well inside the
  // one-minute lease of an alert delivery (deliver.ts), or another instance would send it again.
  const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, attachments: msg.attachments });
    },
  };
}
