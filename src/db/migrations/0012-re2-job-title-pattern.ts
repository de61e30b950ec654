export const name = 're2-job-title-pattern';

// User patterns now run on RE2, which has no lookahead (src/shared/safe-regex.ts). The built-in
// "right job title" pattern used one, and every saved scoring model, MQL definition or routing
// rule copied from the defaults carries it: unchanged, it would match nobody and could not be
// saved again. It is replaced, as a whole JSON string, by its RE2 spelling, which judges titles
// alike (src/domains/scoring/mql-examples.ts). Both are written out: a migration never changes.
// The fingerprint of a rewritten MQL definition is left as it was: the rules mean the same.
const lookahead = String.raw`^(?!.*\b(assistant|intern|student)\b).*\b(c[efimorst]o|chief|founder|co-founder|owner|president|vp|svp|evp|head of|director)\b`;
const otherWords = String.raw`(?:\W|(?:[^\Wais]\w*|a(?:[^\Ws]\w*|s(?:[^\Ws]\w*|s(?:[^\Wi]\w*|i(?:[^\Ws]\w*|s(?:[^\Wt]\w*|t(?:[^\Wa]\w*|a(?:[^\Wn]\w*|n(?:[^\Wt]\w*|t\w+)?)?)?)?)?)?)?)?|i(?:[^\Wn]\w*|n(?:[^\Wt]\w*|t(?:[^\We]\w*|e(?:[^\Wr]\w*|r(?:[^\Wn]\w*|n\w+)?)?)?)?)?|s(?:[^\Wt]\w*|t(?:[^\Wu]\w*|u(?:[^\Wd]\w*|d(?:[^\We]\w*|e(?:[^\Wn]\w*|n(?:[^\Wt]\w*|t\w+)?)?)?)?)?)?)\b)*`;
const re2 = `^${otherWords}(?:c[efimorst]o|chief|founder|co-founder|owner|president|vp|svp|evp|head of|director)\\b${otherWords}$`;

/** The JSON string literal of a text, as jsonb and JSON.stringify both write it (ASCII only here). */
const jsonOf = (s: string) => `to_json('${s.replace(/'/g, "''")}'::text)::text`;

const rewrite = (table: string, column: string, cast: string, where = 'true') => /* sql */ `
UPDATE ${table} SET ${column} = replace(${column}::text, ${jsonOf(lookahead)}, ${jsonOf(re2)})${cast}
 WHERE ${where} AND strpos(${column}::text, ${jsonOf(lookahead)}) > 0;`;

export const sql = [
  rewrite('scoring_models', 'model', '::jsonb'),
  rewrite('mql_definitions', 'definition', '::jsonb'),
  rewrite('app_settings', 'value', '', `key = 'routing_rules'`),
].join('\n');
