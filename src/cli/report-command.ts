import type { Command } from 'commander';
import { systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { reportNames, rowsToCsv, runReport } from '../app/report-registry.js';
import { dayOf } from '../domains/reports/report-window.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

export function registerReport(program: Command): void {
  dataOption(
    program
      .command('report')
      .description(`print a report: ${reportNames().join(', ')}`)
      .argument('<name>', reportNames().join(', '))
      .option('--month <YYYY-MM>', 'the month to report on')
      .option('--from <YYYY-MM-DD>', 'start date (with --to)')
      .option('--to <YYYY-MM-DD>', 'end date, inclusive')
      .option('--format <format>', 'table, json or csv', 'table')
      .option('--train', 'model: train a new predictive model first (contacts created in the window)')
      .option('--min-months <n>', 'attempts: months a lead must have been an MQL (default 3)')
      .option('--pace <pace>', 'marketing-sla, waterfall: linear or working_days', 'linear')
      .option('--goal <amount>', 'planner: revenue goal for the period, e.g. 200000')
      .option('--months <n>', 'planner: months the goal covers (default 1)')
      .option('--maturity-days <n>', 'planner: leave out contacts younger than this when measuring rates')
      .option('--visit-to-lead <share>', 'planner: entered visit → lead rate, e.g. 0.02 (wins over the measured one)')
      .option('--lead-to-mql <share>', 'planner: entered lead → MQL rate')
      .option('--mql-to-sql <share>', 'planner: entered MQL → SQL rate')
      .option('--sql-to-customer <share>', 'planner: entered SQL → customer rate')
      .option('--average-contract-size <amount>', 'planner: entered average contract size')
      .option('--model <model>', 'attribution: first, last, linear, u_shaped or time_decay (default all five)')
      .option('--dimension <dimension>', 'attribution: channel, campaign or asset (default all three); funnel-breakdown: month, channel, mql_type or segment')
      .option('--lookback-days <n>', 'attribution: how far back before a conversion touchpoints count (default 365)')
      .option('--half-life-days <n>', 'attribution: time-decay half-life in days (default 7)'),
  ).action(async (name: string, o: { month?: string; from?: string; to?: string; format: string; train?: boolean; minMonths?: string; pace?: string; goal?: string; months?: string; maturityDays?: string; model?: string; dimension?: string; lookbackDays?: string; halfLifeDays?: string; visitToLead?: string; leadToMql?: string; mqlToSql?: string; sqlToCustomer?: string; averageContractSize?: string; data?: string }) => {
    if (!['table', 'json', 'csv'].includes(o.format)) throw new AppError('validation_failed', `--format must be table, json or csv, not "${o.format}".`);
    await withDb(o, async (db) => {
      const { window: w, zone, data, rows } = await runReport(db, systemClock, name, o);
      if (o.format === 'json') console.log(JSON.stringify(data, null, 2));
      else if (o.format === 'csv') process.stdout.write(rowsToCsv(rows));
      else console.log(`${name} — ${dayOf(w.from, zone)} to ${dayOf(new Date(w.to.getTime() - 1), zone)}${zone === 'UTC' ? '' : ` (${zone})`}\n\n${textTable(rows)}`);
    });
  });
}
