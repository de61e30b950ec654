import type { FieldCondition, PropertyTest } from './property-test.js';

/**
 * The condition grammar (property-test.ts) as a parameterised SQL predicate over a contact row and
 * its company row, so "who does this rule take?" is one query instead of a scan in JS. It answers
 * what testProperty answers for the same row (condition-sql.test.ts checks every operator on both
 * drivers): a value or a multi-select list (any of its values), blanks matching nothing but
 * `exists: false`, texts compared without case or surrounding spaces, numbers read from texts.
 *
 * Values are read as jsonb (a column through to_jsonb, a custom property from `properties`), so a
 * column, a custom property and a list go through the same few lines.
 */

/** The row aliases a predicate reads: contacts, companies and (for score fields) contact_scores. */
export interface ConditionAliases {
  contact: string;
  company: string;
  /** contact_scores joined on the contact; required when a condition names a score field. */
  scores?: string;
}

/**
 * Fields read from the contact's scores rather than its row: routing may send Fans to a light
 * check. Fit rules cannot name them (a score cannot depend on itself) and MQL definitions have
 * their own score conditions.
 */
export const contactScoreFields = ['contact.quadrant', 'contact.fit', 'contact.interest'] as const;

/** Binds a value and answers its placeholder ($n), as list-query.ts's listWhere does. */
export type Bind = (value: unknown) => string;

/** Why a condition cannot be written in SQL (a pattern outside the shared dialect), or null. */
export function conditionSqlProblem(c: PropertyTest): string | null {
  if (c.op !== 'matches' || postgresPattern(c.value) !== null) return null;
  return 'uses a pattern the database cannot run the same way (only ASCII letters, digits, ., *, +, ?, |, (), [], {n,m} up to 255, ^, $, \\d, \\w, \\s, \\S)';
}

/**
 * AND of the conditions as one SQL predicate (TRUE for none), or null when one of them cannot be
 * written in SQL (conditionSqlProblem): the caller then says so rather than count something else.
 */
export function conditionsSql(conditions: readonly FieldCondition[], aliases: ConditionAliases, bind: Bind): string | null {
  const parts: string[] = [];
  for (const c of conditions) {
    const part = conditionSql(c, aliases, bind);
    if (part === null) return null;
    parts.push(part);
  }
  return parts.length ? parts.map((p) => `(${p})`).join(' AND ') : 'TRUE';
}

// Whitespace JS's trim() removes from the texts a rule meets (the rest of Unicode's is not in names).
export const JS_TRIM_WHITESPACE_SQL = `E' \\t\\n\\r\\f\\v'`;
const WS = JS_TRIM_WHITESPACE_SQL;
// A number written as text ("5000", " 12.5 ", "1e3"): what JS's Number() reads, hexadecimal aside.
const NUMBER_TEXT = `'^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?$'`;

export function conditionSql(c: FieldCondition, aliases: ConditionAliases, bind: Bind): string | null {
  const v = valueSql(c.field, aliases, bind);
  const elements = `jsonb_array_elements(CASE WHEN jsonb_typeof(${v}) = 'array' THEN ${v} ELSE jsonb_build_array(${v}) END) AS e(x)`;
  const text = `(x #>> '{}')`;
  const blank = `(jsonb_typeof(x) = 'null' OR (jsonb_typeof(x) = 'string' AND btrim(${text}, ${WS}) = ''))`;
  const anyValue = (test: string) => `EXISTS (SELECT 1 FROM ${elements} WHERE NOT ${blank} AND ${test})`;
  const textual = `jsonb_typeof(x) IN ('string', 'number')`;
  const folded = `lower(btrim(${text}, ${WS}))`;
  const num = `(CASE WHEN jsonb_typeof(x) = 'number' THEN ${text}::numeric WHEN jsonb_typeof(x) = 'string' AND btrim(${text}, ${WS}) ~ ${NUMBER_TEXT} THEN btrim(${text}, ${WS})::numeric END)`;
  const sameAs = (expected: string | number | boolean) => {
    if (typeof expected === 'number') return `${num} = ${bind(expected)}::numeric`;
    if (typeof expected === 'boolean') {
      const b = bind(String(expected));
      return `((jsonb_typeof(x) = 'boolean' AND ${text} = ${b}::text) OR (jsonb_typeof(x) = 'string' AND ${folded} = ${b}::text))`;
    }
    return `(${textual} AND ${folded} = ${bind(expected.trim().toLowerCase())}::text)`;
  };
  switch (c.op) {
    case 'exists':
      return c.value ? anyValue('TRUE') : `NOT ${anyValue('TRUE')}`;
    case 'equals':
      return anyValue(sameAs(c.value));
    case 'in': {
      const texts = c.value.filter((x): x is string => typeof x === 'string').map((x) => x.trim().toLowerCase());
      const numbers = c.value.filter((x): x is number => typeof x === 'number');
      const tests = [
        ...(texts.length ? [`(${textual} AND ${folded} = ANY(${bind(texts)}::text[]))`] : []),
        ...(numbers.length ? [`${num} = ANY(${bind(numbers)}::numeric[])`] : []),
      ];
      return anyValue(`(${tests.join(' OR ')})`);
    }
    case 'matches': {
      const pattern = postgresPattern(c.value);
      if (pattern === null) return null;
      // safe-regex.ts reads only a value's first MATCH_INPUT_LIMIT characters.
      return anyValue(`(${textual} AND left(${text}, 1000) ~* ${bind(pattern)}::text)`);
    }
    case 'between':
      return anyValue(`${num} BETWEEN ${bind(c.value[0])}::numeric AND ${bind(c.value[1])}::numeric`);
    default:
      return anyValue(`${num} ${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[c.op]} ${bind(c.value)}::numeric`);
  }
}

/** The jsonb value a field names: a column, a custom property, or a score. */
function valueSql(field: string, a: ConditionAliases, bind: Bind): string {
  const [object, ...path] = field.split('.');
  const alias = object === 'contact' ? a.contact : a.company;
  if ((contactScoreFields as readonly string[]).includes(field)) {
    if (!a.scores) throw new Error(`${field} needs the contact_scores alias`);
    return `to_jsonb(${a.scores}.${path[0]})`;
  }
  if (path[0] === 'properties' && path.length === 2) return `(${alias}.properties -> ${bind(path[1])}::text)`;
  // The field's shape was checked (field-problem.ts): a plain identifier, safe inside quotes.
  if (path.length !== 1 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(path[0]!)) throw new Error(`not a field: ${field}`);
  return `to_jsonb(${alias}."${path[0]}")`;
}

/**
 * A pattern PostgreSQL runs with the meaning RE2 gives it (safe-regex.ts), or null. Only a small
 * dialect both agree on passes, translated where they differ: \d \w \s become ASCII classes (in
 * PostgreSQL they follow the locale), `(?p)` keeps `.` off line breaks as in RE2. Refused: non-ASCII
 * (case folding differs), \b (a backspace in PostgreSQL), [^…] and \D \W (they would stop matching
 * line breaks under (?p)), flags, lookaround, and repeat counts above PostgreSQL's 255. The
 * dialect has no nested quantifier blow-up that RE2 accepted and PostgreSQL would not bound.
 */
export function postgresPattern(pattern: string): string | null {
  const classOf: Record<string, string> = { d: '0-9', w: '0-9A-Za-z_', s: ' \\t\\n\\f\\r' };
  let out = '(?p)';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch.charCodeAt(0) > 126 || (ch.charCodeAt(0) < 32 && ch !== '\t')) return null;
    if (ch === '\\') {
      const next = pattern[++i];
      if (next === undefined) return null;
      if (next in classOf) out += `[${classOf[next]}]`;
      else if (next === 'S') out += `[^${classOf.s}]`;
      else if ('tnrf'.includes(next)) out += `\\${next}`;
      else if (/[.*+?()[\]{}|^$\\/\-]/.test(next)) out += `\\${next}`;
      else return null;
    } else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end === null) return null;
      const body = classBody(pattern.slice(i + 1, end), classOf);
      if (body === null) return null;
      out += `[${body}]`;
      i = end;
    } else if (ch === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') return null;
        out += '(?:';
        i += 2;
      } else out += '(';
    } else if (ch === '{') {
      const m = /^\{(\d{1,3})(,(\d{0,3}))?\}/.exec(pattern.slice(i));
      if (!m || Number(m[1]) > 255 || (m[3] && Number(m[3]) > 255)) return null;
      out += m[0];
      i += m[0].length - 1;
    } else if (ch === ']' || ch === '}') {
      return null;
    } else out += ch;
  }
  return out;
}

function classEnd(pattern: string, open: number): number | null {
  for (let i = open + 1; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return null;
}

/** A bracket's members: literals, ranges, and \d \w \s (without their brackets, as PostgreSQL wants). */
function classBody(body: string, classOf: Record<string, string>): string | null {
  // [^…] would stop matching line breaks under (?p); [] and [[:alpha:]] read differently.
  if (!body || body.startsWith('^') || body.startsWith(']') || body.includes('[')) return null;
  // [\d-z] is a digit, '-' or 'z' to RE2 but a range once \d is spelt out: refused.
  if (/\\[dws]-(?!$)|-\\[dws]/.test(body)) return null;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === undefined) return null;
    if (next in classOf) out += classOf[next];
    else if ('tnrf'.includes(next)) out += `\\${next}`;
    else if (/[.*+?()[\]{}|^$\\/\-]/.test(next)) out += `\\${next}`;
    else return null;
  }
  return out;
}
