import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../db/client.js';
import { cliCommand, repoRoot } from '../testing/cli-command.js';
import { templateDataFolder } from '../testing/template-data-folder.js';
import { twoEraHistory, writeTwoEraHistory } from '../testing/two-era-history.js';

// Issue 12: `revloop report sales --from 2017-12-01 --to 2018-11-30` printed that range in its
// header but computed the running month. The CLI as a user runs it, on a PGlite data folder (the
// CLI opens a folder; the server backend is the same code behind the same registry).

describe('revloop report applies the window it prints', () => {
  let dir: string;
  const history = twoEraHistory('cli');
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [...cliCommand(), 'report', ...args, '--data', dir], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: '' } });

  beforeAll(async () => {
    dir = await templateDataFolder('revloop-report-cli-');
    const db = await openDb({ dataDir: join(dir, 'pgdata') });
    await writeTwoEraHistory(db, history);
    await db.close();
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts the deals closed from 2017-12-01 to 2018-11-30 only, and says so in its header', async () => {
    const span = { from: Date.parse('2017-12-01T00:00:00Z'), to: Date.parse('2018-12-01T00:00:00Z') };
    const closed = (o: 'won' | 'lost') => history.contacts.filter((c) => c.deal?.outcome === o && c.deal.closedAt.getTime() >= span.from && c.deal.closedAt.getTime() < span.to);
    const won = closed('won');
    expect(won.length).toBeGreaterThan(0);
    expect(won.length).toBeLessThan(history.contacts.filter((c) => c.deal?.outcome === 'won').length);

    const json = JSON.parse((await cli('sales', '--from', '2017-12-01', '--to', '2018-11-30', '--format', 'json')).stdout);
    expect(json.win_loss.won).toEqual({ deals: won.length, revenue: won.reduce((s, c) => s + c.deal!.amount, 0) });
    expect(json.win_loss.lost.deals).toBe(closed('lost').length);
    expect(json.cycle.lead_to_customer.overall.deals).toBe(won.length);
    expect(json.window).toEqual({ from: '2017-12-01T00:00:00.000Z', to: '2018-12-01T00:00:00.000Z', zone: 'UTC', month: null });

    const table = (await cli('sales', '--from', '2017-12-01', '--to', '2018-11-30')).stdout;
    expect(table.split('\n')[0]).toBe('sales — 2017-12-01 to 2018-11-30 (UTC)');
    expect(table).toContain('2018-11-30');
    expect(table).not.toContain('2018-12-01');
  }, 120_000);
});
