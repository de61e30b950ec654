/**
 * The one check of the field a condition names, for fit rules, MQL property conditions and routing
 * rules alike: its shape, then whether it exists, with a did-you-mean when the name is a likely typo.
 */

export const fieldShape = /^(contact|company)\.(properties\.)?[A-Za-z_][A-Za-z0-9_]*$/;
export const fieldShapeProblem = 'must be contact.<field>, company.<field>, contact.properties.<name> or company.properties.<name>';

/** Enough to spot the right name without turning one problem line into a page. */
const KNOWN_SHOWN = 25;

/**
 * Why a field cannot be used (its shape, or that no such field exists), or null when it can.
 * known null: the shape only (a stored rule read back, checked against the workspace when saved).
 */
export function fieldProblem(field: string, known: readonly string[] | null): string | null {
  if (!fieldShape.test(field)) return fieldShapeProblem;
  return known ? unknownFieldProblem(field, known) : null;
}

/** Null when the field is known; else the problem, naming the nearest known field and the known ones. */
export function unknownFieldProblem(field: string, known: readonly string[]): string | null {
  if (known.includes(field)) return null;
  // A custom property written like a column (contact.buying_role) is the likeliest slip.
  const asProperty = field.replace(/^(contact|company)\.(?!properties\.)/, '$1.properties.');
  const suggestion = known.includes(asProperty) ? asProperty : nearestName(field, known);
  const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
  const shown = known.slice(0, KNOWN_SHOWN).join(', ') + (known.length > KNOWN_SHOWN ? ` and ${known.length - KNOWN_SHOWN} more` : '');
  return `"${field}" is not a contact or company property${hint}; known: ${shown || '(none)'}`;
}

/**
 * A suggestion only when it is plausibly a typo: at most a third of the differing tail (min 2
 * edits) away. The shared prefix does not count, or every "contact.properties.x" would look
 * close to every other.
 */
export function nearestName(value: string, known: readonly string[]): string | null {
  const v = value.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const n = name.toLowerCase();
    const distance = editDistance(v, n);
    const allowed = Math.max(2, Math.floor((v.length - commonPrefixLength(v, n)) / 3));
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

function commonPrefixLength(a: string, b: string): number {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}
