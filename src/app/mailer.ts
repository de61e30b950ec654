import nodemailer from 'nodemailer';
import type { Mailer } from '../domains/alerts/deliver.js';

/**
 * Emails (alerts, meeting packs, the weekly update, daily dashboards) over SMTP (SMTP_URL, e.g. smtp://user:pass@smtp.example.com:587); MAIL_FROM names
 * the sender. Without SMTP_URL there is no mailer and emails stay in the outbox.
 */
export function smtpMailer(smtpUrl: string | undefined, from = 'Revloop <revloop@localhost>'): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(msg) {
      await transport.sendMail({ from, to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, attachments: msg.attachments });
    },
  };
}
