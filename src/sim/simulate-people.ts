import { defaultScoringModel } from '../domains/scoring/default-scoring.js';
import { fitScore } from '../domains/scoring/fit-score.js';
import { asciiSlug } from './demo-team.js';
import type { DemoCompany } from './demo-world.js';
import type { Random } from '../shared/random.js';
import { countries, firstNames, freeMailDomains, jobTitles, lastNames, type BuyingRole, type Country } from './vocabulary.js';

export interface Person {
  firstName: string;
  lastName: string;
  email: string;
  jobTitle: string;
  buyingRole: BuyingRole;
  phone: string | null;
  company: DemoCompany | null;
  country: Country;
}

const titleTable = jobTitles.map(([title, role, w]) => [[title, role] as const, w] as const);
const countryTable = countries.map((c) => [c, c.weight] as const);

/**
 * One person with a unique email: at a company (work address on its domain) or, for some, on a
 * free-mail domain with no company, as students and consultants often sign up.
 */
export function simulatePerson(rng: Random, pickCompany: (rng: Random) => DemoCompany, usedEmails: Set<string>, freeMailShare: number): Person {
  const [jobTitle, buyingRole] = rng.weighted(titleTable);
  const freeMail = rng.chance(buyingRole === 'other' ? 0.45 : freeMailShare);
  const company = freeMail ? null : pickCompany(rng);
  const country = company?.country ?? rng.weighted(countryTable);
  const firstName = rng.pick(firstNames[country.locale]);
  const lastName = rng.pick(lastNames[country.locale]);
  const f = asciiSlug(firstName, '');
  const l = asciiSlug(lastName, '');
  let local: string;
  if (company) {
    local = rng.weighted([[`${f}.${l}`, 55], [`${f[0]}${l}`, 20], [f, 10], [`${f}_${l}`, 5], [`${f}${l[0]}`, 10]] as const);
  } else {
    local = rng.weighted([[`${f}.${l}`, 40], [`${f}.${l}${rng.int(1, 99)}`, 30], [`${f}${l}${rng.int(1960, 2004)}`, 30]] as const);
  }
  const domain = company?.domain ?? rng.pick(freeMailDomains[country.locale]);
  let email = `${local}@${domain}`;
  for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${domain}`;
  usedEmails.add(email);
  return { firstName, lastName, email, jobTitle, buyingRole, phone: rng.chance(company ? 0.6 : 0.3) ? phoneNumber(rng, country) : null, company, country };
}

function phoneNumber(rng: Random, c: Country): string {
  const d = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  // North American numbers use the 555-01xx range reserved for fiction.
  if (c.phone === '+1') return `+1 ${rng.int(201, 989)} 555 01${d(2)}`;
  return `${c.phone} ${rng.int(6, 9)}${d(2)} ${d(3)} ${d(3)}`;
}

/** The fit score the app will give this person (the default scoring model on the columns the demo writes). */
export function demoFit(p: Person): number {
  const company = p.company ? { employees: p.company.employees, industry: p.company.industry, country: p.company.country.name } : null;
  return fitScore(defaultScoringModel, { contact: { job_title: p.jobTitle }, company }).score;
}

/** The fit the demo's MQL definition and its sales team ask of a lead (the model's high-fit threshold). */
export const goodFit = (p: Person) => demoFit(p) >= defaultScoringModel.thresholds.fit;
