import { insertRows, reserveIds } from '../../db/bulk-insert.js';
import type { Ctx } from '../context.js';
import type { StageAdvancer } from '../funnel/stage-advancer.js';
import { nameFromDomain } from './companies.js';

/** A company asked for by domain (normalised, not free-mail) or, without one, by name. */
export interface CompanyWanted {
  domain?: string | null;
  name?: string | null;
  /** When the company would be created: the time of the record that needs it. */
  at: Date;
  /** Why it is created, for its first stage transition. */
  reason: string;
}

/**
 * Many company look-ups in two queries, creating those missing the way companyForEmailDomain
 * does (stage subscriber, a create transition) so bulk imports keep the one-row invariants.
 * By domain first, since the domain is the company key; by name (case-insensitive, oldest
 * first) only when no domain is known, e.g. a Gmail contact whose file names the employer.
 */
export async function resolveCompanies(ctx: Ctx, advancer: StageAdvancer, wanted: readonly CompanyWanted[]): Promise<(number | null)[]> {
  const domains = [...new Set(wanted.map((w) => w.domain).filter((d): d is string => !!d))];
  const names = [...new Set(wanted.filter((w) => !w.domain && w.name).map((w) => w.name!.trim().toLowerCase()))];
  const byDomain = new Map<string, number>();
  const byName = new Map<string, number>();
  if (domains.length) {
    for (const r of await ctx.db.query<{ id: number; domain: string }>('SELECT id, domain FROM companies WHERE domain = ANY($1::text[])', [domains])) byDomain.set(r.domain, Number(r.id));
  }
  if (names.length) {
    const rows = await ctx.db.query<{ id: number; key: string }>(
      // A join, not lower(name) = ANY(...): the planner answers that with the trigram index, which
      // took 0.5-1 s per 500 names (every batch of an import naming employers without domains).
      'SELECT DISTINCT ON (k.key) c.id, k.key FROM unnest($1::text[]) AS k(key) JOIN companies c ON lower(c.name) = k.key ORDER BY k.key, c.id',
      [names],
    );
    for (const r of rows) byName.set(r.key, Number(r.id));
  }

  const nameForDomain = new Map<string, string>();
  for (const w of wanted) if (w.domain && w.name?.trim() && !nameForDomain.has(w.domain)) nameForDomain.set(w.domain, w.name.trim());
  const toCreate: { key: string; domain: string | null; name: string; at: Date; reason: string }[] = [];
  const planned = new Set<string>();
  for (const w of wanted) {
    const key = w.domain ? `d:${w.domain}` : w.name ? `n:${w.name.trim().toLowerCase()}` : null;
    if (!key || planned.has(key) || (w.domain ? byDomain.has(w.domain) : byName.has(key.slice(2)))) continue;
    planned.add(key);
    const name = w.domain ? (nameForDomain.get(w.domain) ?? nameFromDomain(w.domain)) : w.name!.trim();
    toCreate.push({ key, domain: w.domain ?? null, name, at: w.at, reason: w.reason });
  }
  if (toCreate.length) {
    const ids = await reserveIds(ctx.db, 'companies', toCreate.length);
    const now = ctx.clock.now();
    await insertRows(
      ctx.db,
      'companies',
      [['id', 'bigint'], ['name', 'text'], ['domain', 'text'], ['lifecycle_stage', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
      toCreate.map((c, i) => [ids[i], c.name, c.domain, 'subscriber', c.at, now]),
      { explicitIds: true },
    );
    toCreate.forEach((c, i) => {
      const id = ids[i]!;
      if (c.domain) byDomain.set(c.domain, id);
      else byName.set(c.key.slice(2), id);
      advancer.know('company', id, 'subscriber');
      advancer.record({ type: 'company', id, from: null, to: 'subscriber', kind: 'create', at: c.at, actor: ctx.actor, reason: c.reason });
    });
  }
  return wanted.map((w) => (w.domain ? byDomain.get(w.domain) : w.name ? byName.get(w.name.trim().toLowerCase()) : undefined) ?? null);
}
