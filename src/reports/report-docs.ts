import { cliParamsSchema, reportAliases, reportNames, reports } from './report-registry.js';
import { flagOf, paramInfo } from './report-params.js';

/** Where docs/api.md holds the generated list of reports. */
export const reportDocsMarkers = ['<!-- reports:start (generated from src/reports by `npx tsx scripts/report-docs.ts`) -->', '<!-- reports:end -->'] as const;

/**
 * Every report with its parameters, as docs/api.md lists them: written from the same schemas the
 * routes, the CLI and the OpenAPI document use (a test fails when the file differs).
 */
export function reportsMarkdown(): string {
  const aliasesOf = (name: string) => Object.entries(reportAliases).filter(([, n]) => n === name).map(([a]) => a);
  const out: string[] = [];
  for (const name of reportNames()) {
    const r = reports[name]!;
    const api = new Set(paramInfo(r.params).map((p) => p.name));
    const params = paramInfo(cliParamsSchema(r));
    const paths = [`/api/reports/${name}`, ...aliasesOf(name).map((a) => `/api/reports/${a}`), ...(name === 'funnel' ? ['/api/funnel'] : [])];
    out.push(`- **\`${name}\`** (${paths.map((p) => `\`GET ${p}\``).join(', ')}${name === 'planner' ? ', `POST /api/reports/planner` with the same parameters as JSON' : ''}; \`/csv\`; \`revloop report ${name}\`): ${r.summary}`);
    if (!params.length) out.push('  - No parameters: it says how things stand now.');
    for (const p of params) {
      const where = api.has(p.name) ? '' : ' (CLI only)';
      const value = p.kind === 'flag' ? '' : ` ${p.value}`;
      out.push(`  - \`${p.name}\`${where}, \`${flagOf(p.name)}${value}\`: ${p.description}`);
    }
  }
  return out.join('\n');
}
