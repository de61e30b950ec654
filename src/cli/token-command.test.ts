import { Command } from 'commander';
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { templateDataFolder } from '../testing/template-data-folder.js';
import { registerAudit } from './audit-command.js';
import { registerToken } from './token-command.js';
import { registerWriteKey } from './writekey-command.js';

// The commands as a user types them, on a PGlite folder of their own (the CLI's default backend).
describe('revloop token / writekey / audit commands', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  const run = async (...args: string[]) => {
    out = [];
    err = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      const program = new Command('revloop').exitOverride();
      for (const register of [registerToken, registerWriteKey, registerAudit]) register(program);
      await program.parseAsync(['node', 'revloop', ...args, '--data', dir]);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    return out.join('\n');
  };
  beforeAll(async () => {
    dir = await templateDataFolder('revloop-cli-');
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, lists and revokes tokens and write keys, and the audit log says the command line did it', async () => {
    const token = await run('token', 'create', '--name', 'nightly export', '--role', 'marketing');
    expect(token).toMatch(/^rlt_/);
    expect(err.join('\n')).toMatch(/Token (\d+) "nightly export" \(marketing\)/);
    const id = /Token (\d+)/.exec(err.join('\n'))![1]!;

    const list = (await run('token', 'list')).split('\n');
    expect(list[0]).toMatch(/^id\s+name\s+role\s+user\s+created\s+last_used\s+revoked$/);
    expect(list[2]).toMatch(new RegExp(`^\\s*${id}  nightly export  marketing  —\\s+\\d{4}-\\d{2}-\\d{2}T\\S+Z\\s+—\\s+—$`));
    expect(list.join('\n')).not.toContain(token);

    expect(await run('token', 'revoke', id)).toMatch(new RegExp(`Token ${id} "nightly export" is revoked \\(since \\d{4}-`));
    expect((await run('token', 'list')).split('\n')[2]).toMatch(/nightly export.*Z\s+—\s+\d{4}-\d{2}-\d{2}T\S+Z$/);

    const key = await run('writekey', 'create', '--name', 'website');
    expect(key).toMatch(/^wk_/);
    const keyId = /Write key (\d+)/.exec(err.join('\n'))![1]!;
    const keys = await run('writekey', 'list');
    expect(keys).toContain('website');
    expect(keys).not.toContain('internal');
    expect(await run('writekey', 'revoke', keyId)).toContain(`Write key ${keyId} "website" is revoked`);
    await expect(run('writekey', 'revoke', 'abc')).rejects.toThrow('<id> must be a whole number');

    const audit = (await run('audit')).split('\n');
    expect(audit[0]).toMatch(/^at\s+action\s+by\s+object\s+details$/);
    expect(audit.slice(2).map((l) => l.split(/\s{2,}/)[1])).toEqual(['write_key.revoked', 'write_key.created', 'token.revoked', 'token.created']);
    expect(audit[2]).toMatch(/write_key\.revoked\s+cli:\S+\s+write_key \d+ \(website\)/);
    expect((await run('audit', '--action', 'token')).split('\n').slice(2).map((l) => l.split(/\s{2,}/)[1])).toEqual(['token.revoked', 'token.created']);
  });
});
