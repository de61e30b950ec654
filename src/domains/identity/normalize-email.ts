/** The contact key: trimmed and lower-cased, as PRODUCT.md §1 defines it. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

// Deliberately permissive (RFC 5322 allows far more than forms do); it catches pasted junk,
// not exotic but valid addresses.
const shape = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]{2,}$/;

export function isValidEmail(raw: string): boolean {
  return shape.test(normalizeEmail(raw));
}

export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at < 0 ? null : normalizeDomain(email.slice(at + 1));
}

/** Company key: lower case, no scheme, no www., no path or port. */
export function normalizeDomain(raw: string): string {
  let d = raw.trim().toLowerCase();
  d = d.replace(/^[a-z]+:\/\//, '').replace(/^www\./, '');
  d = d.split(/[/?#:]/)[0]!;
  return d.replace(/\.$/, '');
}
