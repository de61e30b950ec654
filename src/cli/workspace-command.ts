import type { Command } from 'commander';
import { listSegments } from '../domains/workspace/segment-list.js';
import { saveSegments, segmentSettings, segmentsFromText } from '../domains/workspace/segment-settings.js';
import { saveWorkspaceSettings, workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

export function registerWorkspace(program: Command): void {
  dataOption(
    program
      .command('workspace')
      .description('workspace settings: the time zone report days and months are counted in, and the company segments')
      .option('--time-zone <zone>', 'IANA time zone, e.g. Europe/Madrid (default UTC)')
      .option('--segments <list>', 'the company segments in order, comma-separated: a current key or label keeps that segment, key=Label sets both, other text adds one (e.g. "enterprise, mid_market, small, gov=Public sector")'),
  ).action(async (o: { timeZone?: string; segments?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const s = o.timeZone ? await saveWorkspaceSettings(db, { time_zone: o.timeZone }, cliAuditor()) : await workspaceSettings(db);
      console.log(`Time zone: ${s.time_zone}${o.timeZone ? ' (saved: report days and months now begin at midnight there)' : ''}`);
      const seg = o.segments !== undefined ? await saveSegments(db, { segments: segmentsFromText(o.segments, await listSegments(db)) }, cliAuditor()) : await segmentSettings(db);
      console.log(`Company segments${o.segments !== undefined ? ' (saved)' : ''}:`);
      for (const x of seg.segments) console.log(`  ${x.key.padEnd(24)} ${x.label}  (${x.companies} companies, ${x.deals} deals)`);
      console.log(seg.sized_by_employees ? 'Companies without a segment get one from their head count (<100 small, <1,000 mid-market).' : 'Segments are not derived from head count (the list no longer has enterprise, mid_market and small).');
      if (!o.timeZone && o.segments === undefined) console.log('Change them with: npx revloop workspace --time-zone Europe/Madrid --segments "enterprise, mid_market, small, gov=Public sector"');
    });
  });
}
