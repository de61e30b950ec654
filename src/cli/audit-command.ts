import type { Command } from 'commander';
import { listAuditLog } from '../domains/audit/audit-log.js';
import { workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

export function registerAudit(program: Command): void {
  dataOption(
    program
      .command('audit')
      .description('read the audit log, newest first: who changed settings, users, tokens, goals, or erased or exported what')
      .option('--action <action>', 'an action (token.revoked) or its first part (token)')
      .option('--from <YYYY-MM-DD>', 'first day (workspace time zone)')
      .option('--to <YYYY-MM-DD>', 'last day, included')
      .option('--limit <n>', 'lines to print (default 50, at most 500)', '50'),
  ).action(async (o: { action?: string; from?: string; to?: string; limit: string; data?: string }) => {
    await withDb(o, async (db) => {
      const page = await listAuditLog(db, { limit: Number(o.limit), filters: { action: o.action, from: o.from, to: o.to } }, (await workspaceSettings(db)).time_zone);
      if (!page.data.length) return console.log('No audit lines match.');
      console.log(
        textTable(
          page.data.map((l) => ({
            at: l.at,
            action: l.action,
            by: l.actor_user_name ?? l.actor_name ?? l.actor_type,
            object: l.object_type ? `${l.object_type} ${l.object_id ?? ''}`.trim() + (l.object_name ? ` (${l.object_name})` : '') : null,
            details: Object.keys(l.details).length ? JSON.stringify(l.details) : null,
          })),
        ),
      );
      if (page.next_cursor) console.log(`\n(more lines: raise --limit or narrow with --from/--to)`);
    });
  });
}
