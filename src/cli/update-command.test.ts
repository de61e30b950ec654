import { Command } from 'commander';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtp-sink.js';
import { templateDataFolder } from '../testing/template-data-folder.js';
import { registerUpdate } from './update-command.js';
import { registerUser } from './user-command.js';

// `revloop update send` as a user types it, on PGlite folders of its own (the CLI's default backend).
describe('revloop update send', () => {
  const dirs: string[] = [];
  const env = { SMTP_URL: process.env.SMTP_URL, PUBLIC_URL: process.env.PUBLIC_URL };
  let smtp: SmtpSink;
  const run = async (dir: string, ...args: string[]) => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    try {
      const program = new Command('revloop').exitOverride();
      registerUser(program);
      registerUpdate(program);
      await program.parseAsync(['node', 'revloop', ...args, '--data', dir]);
    } finally {
      log.mockRestore();
    }
    return out.join('\n');
  };
  // The team is made once by `user create`, as a user would; each test then sends from a copy of
  // that folder, so one test's sent update never meets the other's.
  let made: Promise<string> | undefined;
  const team = async () => {
    made ??= (async () => {
      const dir = await templateDataFolder('revloop-update-');
      dirs.push(dir);
      for (const [name, email, role] of [['Rae Rep', 'rae@acme.test', 'sales_rep'], ['Sam Manager', 'sam@acme.test', 'sales_manager'], ['Mara Marketing', 'mara@acme.test', 'marketing']]) {
        await run(dir, 'user', 'create', '--email', email!, '--password', 'a-long-Quokka-passphrase-71', '--role', role!, '--name', name!);
      }
      return dir;
    })();
    const dir = mkdtempSync(join(tmpdir(), 'revloop-update-'));
    dirs.push(dir);
    cpSync(await made, dir, { recursive: true });
    return dir;
  };
  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.PUBLIC_URL = 'https://crm.acme.test';
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await smtp.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('builds and sends this week’s update to the sales team, into the outbox without SMTP, and never twice a week', async () => {
    delete process.env.SMTP_URL;
    const dir = await team();
    const out = (await run(dir, 'update', 'send')).split('\n');
    expect(out[0]).toMatch(/^Built the pre-filled update 1 for \d{4}-W\d{2}\.$/);
    expect(out[1]).toMatch(/^Update 1 "Marketing update: week of \d{1,2} \w+ \d{4}": 0 sent, 2 in the outbox, 0 failed\.$/);
    expect(out.slice(2)).toEqual(['  Rae Rep <rae@acme.test>: outbox', '  Sam Manager <sam@acme.test>: outbox', 'No SMTP_URL is set: the emails are kept in the outbox (see them in the app).']);
    await expect(run(dir, 'update', 'send')).rejects.toThrow(/^The update of \d{4}-W\d{2} was already sent \(update 1\)\. Pass --id to send another draft\.$/);
    await expect(run(dir, 'update', 'send', '--id', '1')).rejects.toThrow('no copy failed to retry');
    await expect(run(dir, 'update', 'send', '--id', '1', '--to', 'nobody@acme.test,rae@acme.test')).rejects.toThrow('--to: no Revloop user has the email nobody@acme.test.');
  });

  it('sends over SMTP to the users named with --to', async () => {
    process.env.SMTP_URL = smtp.url;
    const dir = await team();
    const out = (await run(dir, 'update', 'send', '--to', 'MARA@acme.test, rae@acme.test')).split('\n');
    expect(out.slice(1)).toEqual([expect.stringMatching(/: 2 sent, 0 in the outbox, 0 failed\.$/), '  Mara Marketing <mara@acme.test>: sent', '  Rae Rep <rae@acme.test>: sent']);
    expect(smtp.mails.flatMap((m) => m.to).sort()).toEqual(['mara@acme.test', 'rae@acme.test']);
  });
});
