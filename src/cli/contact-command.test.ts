import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../domains/context.js';
import { createContact } from '../domains/crm/contacts.js';
import { systemClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { eraseFromCli } from './contact-command.js';

describe.each(testBackends())('revloop contact erase on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t.cleanup());

  it('needs --yes, then erases through the same path as the API and audits it as the CLI', async () => {
    const c = await createContact({ db: t.db, clock: systemClock, actor: systemActor }, { email: 'cli.person@erase.io', first_name: 'Cli' });
    await expect(eraseFromCli(t.db, c.id, false)).rejects.toThrow(/--yes/);
    expect(await t.db.query('SELECT 1 FROM contacts WHERE id = $1', [c.id])).toHaveLength(1);
    const said = await eraseFromCli(t.db, c.id, true);
    expect(said).toMatch(new RegExp(`^Erased contact ${c.id}\\. Rows deleted: .*\\bcontacts 1\\b`));
    expect(said).toContain('Suppressed: 1 email(s), 0 user id(s), 0 anonymous id(s), 0 id(s) in other systems.');
    expect(await t.db.query('SELECT 1 FROM contacts WHERE id = $1', [c.id])).toHaveLength(0);
    const [line] = await t.db.query<{ actor_id: string }>(`SELECT actor_id FROM audit_log WHERE action = 'contact.erased' AND object_id = $1`, [String(c.id)]);
    expect(line).toEqual({ actor_id: 'cli' });
    await expect(eraseFromCli(t.db, c.id, true)).rejects.toThrow(`Contact ${c.id} does not exist.`);
  });
});
