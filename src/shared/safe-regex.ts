import { RE2JS, RE2JSException } from 're2js';

/**
 * Every pattern a user writes (fit rules, MQL conditions, routing rules: the `matches` operator)
 * runs here, on RE2 (re2js, pure JS): matching time grows linearly with the text, whatever the
 * pattern. V8's backtracking engine took 40 s on `^(a+)+$` against 30 a's and "!", sent by
 * anyone through the public identify call. Rules are evaluated in JS; only a count for the
 * settings runs patterns in PostgreSQL, in a dialect kept to what its DFA answers in linear time
 * (postgresPattern, domains/conditions/condition-sql.ts; figures in docs/security.md).
 *
 * The dialect is JavaScript's (`\u00e9`, `(?<name>…)`, `\cA` are translated to RE2), always
 * case-blind, without what needs backtracking: backreferences and lookaround are refused when
 * the rule is saved.
 */

/** Only the start of a value is matched: a title or an industry is never this long. */
export const MATCH_INPUT_LIMIT = 1_000;

/**
 * RE2 program instructions (RE2JS#programSize). Up to ~2,000 the DFA handled every pattern we
 * tried on a 1,000-character value in about 1 ms; at 3,500–5,500 some fell back to the NFA and
 * took 200–470 ms per value. The built-in "right job title" pattern is about 350.
 */
export const PATTERN_SIZE_LIMIT = 2_000;

const unsupportedNote = 'patterns run on a linear-time engine (RE2), which has no backreferences or lookaround';

/** The constructs RE2 cannot run, found outside character classes, with a name a person knows. */
function unsupportedConstruct(pattern: string): string | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) return `uses a backreference (\\${next}), which is not supported: ${unsupportedNote}`;
      if (!inClass && next === 'k' && pattern[i + 2] === '<') return `uses a named backreference (\\k<…>), which is not supported: ${unsupportedNote}`;
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // A ']' right after '[' or '[^' is a literal member, not the end of the class.
      if (pattern[i + 1] === '^') i++;
      if (pattern[i + 1] === ']') i++;
    } else if (c === '(' && pattern[i + 1] === '?') {
      const ahead = pattern.slice(i + 2, i + 4);
      if (ahead[0] === '=' || ahead[0] === '!') return `uses a lookahead ((?${ahead[0]}…)), which is not supported: ${unsupportedNote}`;
      if (ahead === '<=' || ahead === '<!') return `uses a lookbehind ((?${ahead}…)), which is not supported: ${unsupportedNote}`;
    }
  }
  return null;
}

function compileChecked(pattern: string): { re: RE2JS } | { problem: string } {
  const unsupported = unsupportedConstruct(pattern);
  if (unsupported) return { problem: unsupported };
  let re: RE2JS;
  try {
    re = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    // "error parsing regexp: invalid repeat count: `{1001}`": the prefix says nothing to a user.
    const reason = e.message.replace(/^error parsing regexp: /, '').replace(/`\(\?i\)/, '`');
    const hint = /invalid repeat count/.test(reason) ? ' (repeat counts go up to 1000)' : '';
    return { problem: `is not a valid regular expression: ${reason}${hint}` };
  }
  const size = re.programSize();
  if (size > PATTERN_SIZE_LIMIT) {
    return { problem: `is too complex (${size} steps, at most ${PATTERN_SIZE_LIMIT}): use smaller repeat counts such as {1,50} or fewer alternatives` };
  }
  return { re };
}

// Scoring runs every rule over every contact: a pattern is compiled once, not once per contact.
// Bounded, oldest out first, so patterns tried and dropped over months do not pile up.
const CACHE_SIZE = 500;
const cache = new Map<string, RE2JS | null>();

function cached(pattern: string): RE2JS | null {
  let re = cache.get(pattern);
  if (re === undefined) {
    const res = compileChecked(pattern);
    re = 're' in res ? res.re : null;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

/** Why a pattern cannot be saved, worded to follow the field's name; null when it can. */
export function regexProblem(pattern: string): string | null {
  const res = compileChecked(pattern);
  return 'problem' in res ? res.problem : null;
}

/**
 * Whether the pattern occurs in the text's first MATCH_INPUT_LIMIT characters (case-blind). A
 * stored pattern that RE2 refuses (saved before RE2 was the engine) matches nothing rather than
 * failing the whole scoring run; saving it again names the problem.
 */
export function regexMatches(pattern: string, text: string): boolean {
  const re = cached(pattern);
  return re !== null && re.test(text.length > MATCH_INPUT_LIMIT ? text.slice(0, MATCH_INPUT_LIMIT) : text);
}
