import type { Command } from 'commander';
import { systemClock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { cliParamsSchema, reportDefinition, reportNames, reports, rowsToCsv, runReport, windowLabel } from '../reports/report-registry.js';
import { flagOf, paramInfo, type ParamInfo } from '../reports/report-params.js';
import { cliAuditor } from './cli-auditor.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

/** Every report's parameters as flags, each once, saying which reports take it (from the schemas). */
function reportFlags(): (ParamInfo & { reports: string[] })[] {
  const byName = new Map<string, ParamInfo & { reports: string[] }>();
  for (const name of reportNames()) {
    for (const p of paramInfo(cliParamsSchema(reports[name]!))) {
      const seen = byName.get(p.name);
      if (!seen) byName.set(p.name, { ...p, reports: [name] });
      else {
        seen.reports.push(name);
        // Taken with other values by another report (dimension): the flag says where to look.
        if (seen.value !== p.value) Object.assign(seen, { value: p.name, description: `its values differ by report (docs/api.md#reports, or the report's own error naming them)` });
      }
    }
  }
  return [...byName.values()];
}

/** Commander's key for a flag: `--min-months` → `minMonths`. */
const attributeOf = (flag: string) => flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Flags commander did not know (a typo, or nothing any report takes), as parameters, so the
 * report's schema refuses them by name as the API does: `--foo-bar 1` → foo_bar.
 */
function unknownFlags(args: string[]): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(args[i]!);
    if (!m) throw new AppError('validation_failed', `Unexpected argument "${args[i]}": give one report name, then its flags.`, { errors: [{ field: 'name', problem: 'give one report name' }] });
    const key = m[1]!.replace(/-/g, '_');
    if (m[2] !== undefined) out[key] = m[2];
    else if (i + 1 < args.length && !args[i + 1]!.startsWith('--')) out[key] = args[++i]!;
    else out[key] = true;
  }
  return out;
}

export function registerReport(program: Command): void {
  const flags = reportFlags();
  const cmd = program
    .command('report')
    .description(`print a report: ${reportNames().join(', ')}`)
    .argument('<name>', reportNames().join(', '))
    .option('--format <format>', 'table, json or csv', 'table');
  for (const f of flags) {
    const value = f.kind === 'flag' ? '' : ` <${f.value}>`;
    cmd.option(`${flagOf(f.name)}${value}`, `${f.description}${f.description ? ' ' : ''}[${f.reports.join(', ')}]`);
  }
  dataOption(cmd)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async (name: string, o: Record<string, string | boolean | undefined> & { format: string; data?: string }, command: Command) => {
      if (!['table', 'json', 'csv'].includes(o.format)) throw new AppError('validation_failed', `--format must be table, json or csv, not "${o.format}".`, { errors: [{ field: 'format', problem: 'must be table, json or csv' }] });
      // The report's own schema checks every flag given: one it does not take is refused by name (exit 2).
      const raw: Record<string, unknown> = unknownFlags(command.args.slice(1));
      for (const f of flags) if (o[attributeOf(flagOf(f.name))] !== undefined) raw[f.name] = o[attributeOf(flagOf(f.name))];
      // Before the data folder is opened: a wrong name or flag is said at once, whatever holds the folder.
      parseInput(cliParamsSchema(reportDefinition(name)), raw);
      await withDb(o, async (db) => {
        // Training a model writes: the audit log names the command line, as for every CLI change.
        const { window, zone, data, rows } = await runReport(db, systemClock, name, raw, { cli: true, actor: { ...cliAuditor().actor, role: 'admin' } });
        if (o.format === 'json') console.log(JSON.stringify(data, null, 2));
        else if (o.format === 'csv') process.stdout.write(rowsToCsv(rows));
        else console.log(`${name} — ${windowLabel(window, systemClock.now(), zone).text}\n\n${textTable(rows)}`);
      });
    });
}
