import type { Command } from 'commander';
import { smtpMailer } from '../app/mailer.js';
import { appSecret } from '../domains/notify/app-secret.js';
import { sendUpdate } from '../domains/updates/send-update.js';
import { createUpdate, isoWeekOf } from '../domains/updates/weekly-updates.js';
import { weekFrame } from '../domains/updates/update-defaults.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import { AppError } from '../shared/errors.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

const positiveId = (v: string) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new AppError('validation_failed', `--id must be the number of a weekly update, got "${v}".`);
  return n;
};

export function registerUpdate(program: Command): void {
  const update = program.command('update').description('the weekly marketing update to sales');
  dataOption(
    update
      .command('send')
      .description("send a weekly update (without --id: this week's pre-filled draft) to the sales team or to --to")
      .option('--id <n>', 'the draft to send (default: build the pre-filled draft of this week)')
      .option('--to <emails>', 'comma-separated emails of Revloop users (default: every active sales rep and manager)'),
  ).action(async (o: { id?: string; to?: string; data?: string }) => {
    await withDb(o, async (db, config) => {
      const ctx = { db, ...cliAuditor() };
      let userIds: number[] | undefined;
      if (o.to !== undefined) {
        const emails = [...new Set(o.to.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean))];
        if (!emails.length) throw new AppError('validation_failed', '--to must list at least one email.');
        const users = await db.query<{ id: number; email: string }>('SELECT id, lower(email) AS email FROM users WHERE lower(email) = ANY($1::text[])', [emails]);
        const unknown = emails.filter((e) => !users.some((u) => u.email === e));
        if (unknown.length) throw new AppError('validation_failed', `--to: no Revloop user has the email ${unknown.join(', ')}.`);
        userIds = users.map((u) => u.id);
      }
      let id = o.id === undefined ? null : positiveId(o.id);
      if (id === null) {
        // Run weekly from a scheduler, the command must not send this week's update twice.
        const week = weekFrame(ctx.clock.now(), await reportZone(db));
        const [sent] = await db.query<{ id: number }>(`SELECT id FROM weekly_updates WHERE status = 'sent' AND week_start = $1 ORDER BY id DESC LIMIT 1`, [week.weekStart]);
        if (sent) throw new AppError('conflict', `The update of ${isoWeekOf(week.weekStart)} was already sent (update ${sent.id}). Pass --id to send another draft.`);
        id = (await createUpdate(ctx, {})).id;
        console.log(`Built the pre-filled update ${id} for ${isoWeekOf(week.weekStart)}.`);
      }
      const mailer = smtpMailer(config.smtpUrl, config.mailFrom);
      const result = await sendUpdate(ctx, { mailer, baseUrl: (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, ''), secret: await appSecret(db, config.secret) }, id, userIds ? { user_ids: userIds } : {});
      console.log(`Update ${id} "${result.update.subject}": ${result.sent} sent, ${result.outbox} in the outbox, ${result.failed} failed${result.already_sent ? `, ${result.already_sent} already sent` : ''}.`);
      for (const r of result.update.recipients) console.log(`  ${r.name} <${r.email}>: ${r.status}${r.error ? ` (${r.error})` : ''}`);
      if (!mailer) console.log('No SMTP_URL is set: the emails are kept in the outbox (see them in the app).');
    });
  });
}
