/** Segment's reserved traits (and common snake_case variants) → contact fields. */
export interface ContactTraits {
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  job_title: string | null;
  phone: string | null;
  company_name: string | null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

export function contactTraits(...sources: (Record<string, unknown> | undefined | null)[]): ContactTraits {
  const t = Object.assign({}, ...sources.filter(Boolean).reverse()) as Record<string, unknown>;
  let first = str(t.firstName) ?? str(t.first_name);
  let last = str(t.lastName) ?? str(t.last_name);
  const name = str(t.name);
  if (!first && !last && name) {
    const [f, ...rest] = name.split(/\s+/);
    first = f ?? null;
    last = rest.join(' ') || null;
  }
  const company = t.company;
  return {
    email: str(t.email),
    first_name: first,
    last_name: last,
    job_title: str(t.title) ?? str(t.jobTitle) ?? str(t.job_title),
    phone: str(t.phone),
    company_name: str(company) ?? (typeof company === 'object' && company ? str((company as { name?: unknown }).name) : null),
  };
}
