import type { Command } from 'commander';
import { backfillAssignments } from '../domains/sla/backfill-assignments.js';
import { systemClock } from '../shared/clock.js';
import { dataOption, withDb } from './with-db.js';

export function registerSla(program: Command): void {
  const sla = program.command('sla').description('the sales SLA: clocks, routing and alerts');
  dataOption(
    sla
      .command('backfill')
      .description('build SLA clocks from imported history (MQL date, owner, logged activities, later funnel moves) so the SLA and attempts reports cover the past'),
  ).action(async (o: { data?: string }) => {
    await withDb(o, async (db) => {
      const n = await backfillAssignments(db, systemClock.now());
      console.log(n ? `Built ${n.toLocaleString('en-US')} SLA clocks from history. See them with: npx revloop report sla --from YYYY-MM-DD` : 'Nothing to backfill: every MQL with an owner already has an SLA clock.');
    });
  });
}
