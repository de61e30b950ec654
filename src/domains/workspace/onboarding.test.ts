import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createContact } from '../crm/contacts.js';
import { createUser } from '../crm/users.js';
import { setGoal } from '../goals/goals.js';
import { createWriteKey } from '../ingest/write-keys.js';
import { activeMqlDefinition, saveMqlDefinition } from '../scoring/scoring-settings.js';
import { onboardingStatus } from './onboarding.js';

describe.each(testBackends())('the onboarding checklist on %s', (backend) => {
  it('ticks each step from the data only, in any order', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx = { db: t.db, clock: fixedClock('2026-06-01T09:00:00Z'), actor: { type: 'user' as const, id: 'admin' } };
      const done = async () => (await onboardingStatus(t.db)).steps.filter((s) => s.done).map((s) => s.step);
      expect(await onboardingStatus(t.db)).toEqual({
        steps: [
          { step: 'goal', done: false }, { step: 'users', done: false }, { step: 'tracker', done: false },
          { step: 'contacts', done: false }, { step: 'mql_definition', done: false },
        ],
        done: 0, total: 5,
      });
      // The first admin alone is not a team.
      await createUser(t.db, { name: 'Ada Admin', email: 'ada@x.test', role: 'admin' });
      expect(await done()).toEqual([]);
      await createUser(t.db, { name: 'Rae Rep', email: 'rae@x.test', role: 'sales_rep' });
      expect(await done()).toEqual(['users']);

      const contact = await createContact(ctx, { email: 'lead@x.test' });
      expect(await done()).toEqual(['users', 'contacts']);

      // Revloop's own email-open events are not the website tracker; a key with nothing sent is not installed yet.
      const event = (keyId: number, messageId: string, type: string) =>
        t.db.query(`INSERT INTO events (write_key_id, message_id, type, event, contact_id, anonymous_id, timestamp, received_at) VALUES ($1, $2, $3, $4, $5, 'anon-1', $6, $6)`,
          [keyId, messageId, type, type === 'track' ? 'Email Opened' : null, contact.id, ctx.clock.now()]);
      const [internal] = await t.db.query<{ id: number }>(`SELECT id FROM write_keys WHERE key_hash = '!internal'`);
      await event(internal!.id, 'open-1', 'track');
      const key = await createWriteKey(t.db, { name: 'Website' });
      expect(await done()).toEqual(['users', 'contacts']);
      await event(key.id, 'page-1', 'page');
      expect(await done()).toEqual(['users', 'tracker', 'contacts']);

      await setGoal(ctx, '2026-06', { revenue_goal: 100000, marketing_sourced_share: 0.4 });
      expect(await done()).toEqual(['goal', 'users', 'tracker', 'contacts']);
      await saveMqlDefinition(ctx, (await activeMqlDefinition(t.db)).value);
      expect(await onboardingStatus(t.db)).toMatchObject({ done: 5, total: 5 });
    } finally {
      await t.cleanup();
    }
  });
});
