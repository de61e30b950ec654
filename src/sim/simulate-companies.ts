import { segmentForEmployees } from '../domains/crm/companies.js';
import { asciiSlug } from './demo-team.js';
import type { DemoCompany } from './demo-world.js';
import type { Random } from '../shared/random.js';
import { companyStems, countries, industries, techStacks } from './vocabulary.js';

// Head count per segment (log-normal median, spread, bounds); the segment itself then follows
// from employees by the same rule the CRM applies, so the two never disagree.
const sizes = [
  { weight: 55, median: 28, sigma: 0.8, min: 5, max: 99 },
  { weight: 32, median: 280, sigma: 0.6, min: 100, max: 999 },
  { weight: 13, median: 3_500, sigma: 1.0, min: 1_000, max: 120_000 },
] as const;

const industryTable = industries.map((i) => [i, i.weight] as const);
const countryTable = countries.map((c) => [c, c.weight] as const);
const sizeTable = sizes.map((s) => [s, s.weight] as const);

/** n companies with unique names and domains, firmographics consistent with their segment. */
export function simulateCompanies(rng: Random, n: number): DemoCompany[] {
  const names = new Set<string>();
  const domains = new Set<string>();
  const out: DemoCompany[] = [];
  while (out.length < n) {
    const industry = rng.weighted(industryTable);
    const country = rng.weighted(countryTable);
    const size = rng.weighted(sizeTable);
    const employees = Math.round(Math.min(size.max, Math.max(size.min, rng.lognormal(size.median, size.sigma))));
    let name = `${rng.pick(companyStems)} ${rng.pick(industry.suffixes)}`;
    if (names.has(name)) name = `${name} ${rng.pick(['Group', 'Holdings', 'International', 'Global', '& Co.'])}`;
    if (names.has(name)) name = `${rng.pick(companyStems)} ${name}`;
    if (names.has(name)) continue;
    let domain = `${asciiSlug(name, '-')}.${country.tld}`;
    if (domains.has(domain)) domain = `${asciiSlug(name, '')}.${country.tld}`;
    if (domains.has(domain)) continue;
    names.add(name);
    domains.add(domain);
    const segment = segmentForEmployees(employees)!;
    out.push({
      name,
      domain,
      industry: industry.name,
      employees,
      country,
      annualRevenue: Math.round((employees * rng.lognormal(industry.revenuePerEmployee, 0.35)) / 10_000) * 10_000,
      segment,
      techStack: rng.weighted(segment === 'small' ? techStacks.map(([t, w]) => [t, t === 'Spreadsheets' || t === 'Pipedrive' ? w * 2.5 : w] as const) : techStacks),
      createdAt: Number.POSITIVE_INFINITY,
    });
  }
  return out;
}

/** How strongly a company attracts contacts: big companies have many people who sign up. */
export function companyPull(c: DemoCompany, rng: Random): number {
  const base = c.segment === 'enterprise' ? 7 : c.segment === 'mid_market' ? 3 : 1.2;
  return base * rng.lognormal(1, 0.5);
}
