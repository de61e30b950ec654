import { describe, expect, it } from 'vitest';
import { createUser } from '../domains/crm/users.js';
import { moveStage } from '../domains/funnel/transitions.js';
import { fixedClock } from '../shared/clock.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import { createTestDb } from '../testing/test-db.js';
import { buildApp } from './build-app.js';
import { smtpMailer } from './mailer.js';

describe('alert emails over SMTP', () => {
  it('sends the handoff to the rep through a real SMTP server, once, with a link to the contact', async () => {
    const smtp = await startSmtpSink();
    const mails = smtp.mails;
    const t = await createTestDb('pglite');
    const clock = fixedClock('2026-06-01T08:00:00Z');
    const app = await buildApp({ db: t.db, clock, webDist: null, mailer: smtpMailer(smtp.url, 'Revloop <alerts@revloop.test>'), publicUrl: 'https://crm.example.com' });
    try {
      await createUser(t.db, { name: 'Rae Rep', email: 'rae@revloop.test', role: 'sales_rep', team: 'SDR' });
      const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, first_name, last_name, lifecycle_stage) VALUES ('eva@northwind.com', 'eva@northwind.com', 'Eva', 'North', 'lead') RETURNING id`);
      await moveStage({ db: t.db, clock, actor: { type: 'system' } }, 'contact', c!.id, 'mql', 'test');
      await app.revloop.sales.idle();
      await app.revloop.sales.idle();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['rae@revloop.test']);
      expect(mails[0]!.data).toContain('Subject: New MQL for you: Eva North');
      expect(mails[0]!.data).toContain(`https://crm.example.com/contacts/${c!.id}`);
      const [d] = await t.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM deliveries WHERE channel = 'email'`);
      expect(d).toEqual({ status: 'sent', attempts: 1 });
    } finally {
      await app.close();
      await t.cleanup();
      await smtp.close();
    }
  });
});
