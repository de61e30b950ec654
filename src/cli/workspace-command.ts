import type { Command } from 'commander';
import { saveWorkspaceSettings, workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

export function registerWorkspace(program: Command): void {
  dataOption(
    program
      .command('workspace')
      .description('workspace settings: the time zone report days and months are counted in')
      .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Madrid (default UTC)'),
  ).action(async (o: { timeZone?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const s = o.timeZone ? await saveWorkspaceSettings(db, { time_zone: o.timeZone }, cliAuditor()) : await workspaceSettings(db);
      console.log(`Time zone: ${s.time_zone}${o.timeZone ? ' (saved: report days and months now begin at midnight there)' : ''}`);
      if (!o.timeZone) console.log('Change it with: npx revloop workspace --time-zone Europe/Madrid');
    });
  });
}
