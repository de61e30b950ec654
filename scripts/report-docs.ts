// Rewrites the list of reports in docs/api.md from the reports' schemas (src/reports/report-docs.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { reportDocsMarkers, reportsMarkdown } from '../src/reports/report-docs.js';

const file = new URL('../docs/api.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const [start, end] = reportDocsMarkers;
const a = text.indexOf(start);
const b = text.indexOf(end);
if (a < 0 || b < a) throw new Error(`docs/api.md has no ${start} … ${end} section`);
writeFileSync(file, `${text.slice(0, a + start.length)}\n${reportsMarkdown()}\n${text.slice(b)}`);
console.log('docs/api.md: reports section rewritten');
