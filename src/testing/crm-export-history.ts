import { stringify } from 'csv-stringify/sync';
import { Random } from '../shared/random.js';

/**
 * A seeded, realistic HubSpot portal exported to three CSV files that join by HubSpot's own
 * record ids only: contacts without a single email, companies half of them without a domain,
 * deals pointing at their contacts and companies through "Associated Contact IDs" (sometimes
 * two, "101;205", as HubSpot writes them) and "Associated Company IDs". Custom columns carry
 * numbers, dates, booleans, enums and free text. Every value is also returned as data, so tests
 * compute what the import must give without reading it back through the importer.
 */
export interface HistoryCompany {
  id: string;
  name: string;
  domain: string | null;
  industry: string;
  employees: number;
  country: string;
  tier: 'Gold' | 'Silver' | 'Bronze';
  partner: 'Yes' | 'No';
  customerSince: string | null;
}

export interface HistoryContact {
  id: string;
  first: string;
  last: string;
  title: string;
  /** As the file writes it: HubSpot's internal value, or the portal's own "Hot Lead" (an MQL). */
  stage: string;
  /** The Revloop stage the file means, before any deal moves it. */
  stageKey: 'subscriber' | 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer';
  leadStatus: string;
  /** HubSpot's source value; "social" is the portal's own word for Organic Social. */
  source: string;
  created: string;
  companyId: string | null;
  score: number | null;
  firstConversion: string | null;
  /** As the file writes it ("Dev" is the portal's old spelling of Developer). */
  persona: string;
  newsletter: 'true' | 'false';
  status: 'Active' | 'Churned' | 'Prospect';
  notes: string;
}

export interface HistoryDeal {
  id: string;
  name: string;
  stage: 'appointmentscheduled' | 'qualifiedtobuy' | 'presentationscheduled' | 'contractsent' | 'closedwon' | 'closedlost';
  outcome: 'open' | 'won' | 'lost';
  amount: number;
  closeDate: string;
  lostReason: string;
  created: string;
  contactIds: string[];
  companyId: string | null;
  seats: number;
}

export interface CrmHistory {
  companies: HistoryCompany[];
  contacts: HistoryContact[];
  deals: HistoryDeal[];
  files: { companies: string; contacts: string; deals: string };
}

const firstNames = ['Ana', 'Bruno', 'Carla', 'Diego', 'Elena', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Luis', 'Marta', 'Nils', 'Olga', 'Pablo', 'Rosa', 'Sven', 'Tara', 'Umar'];
const lastNames = ['García', 'Novak', 'Okafor', 'Schmidt', 'Rossi', 'Dubois', 'Kowalski', 'Silva', 'Berg', 'Tanaka', "O'Neill", 'Moreau', 'Haddad', 'Larsen'];
const titles = ['CTO', 'VP Marketing', 'Head of Data', 'Marketing Manager', 'Software Engineer', 'Operations Lead', 'CFO', 'Growth Analyst'];
const industries = ['Software', 'Manufacturing', 'Retail', 'Financial Services', 'Healthcare', 'Logistics'];
const countries = ['Spain', 'Germany', 'France', 'United Kingdom', 'Netherlands', 'Portugal'];
const words = ['Nimbus', 'Quartz', 'Vertex', 'Harbor', 'Lumen', 'Cobalt', 'Juniper', 'Atlas', 'Sierra', 'Orbit', 'Falcon', 'Maple'];
const suffixes = ['Labs', 'Systems', 'GmbH', 'Logistics', 'Retail', 'Health', 'Capital', 'Works'];
// Labels of the default lost reasons list: an import maps them to their codes (deal-reasons.ts).
const lostReasons = ['Price', 'Competitor', 'No budget', 'Timing'];

const day = (d: Date) => d.toISOString().slice(0, 10);
const minute = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** Distinct ids in ascending order, as a CRM hands them out. */
function ids(r: Random, n: number, from: number, step: number): string[] {
  const out: string[] = [];
  let next = from;
  for (let i = 0; i < n; i++) {
    next += r.int(1, step);
    out.push(String(next));
  }
  return out;
}

export function crmHistory(seed: number, sizes = { companies: 60, contacts: 300, deals: 120 }): CrmHistory {
  const r = new Random(`crm-history:${seed}`);
  const start = Date.UTC(2025, 0, 1);
  const year = 365 * 86400_000;
  const at = (rr: Random) => new Date(start + Math.floor(rr.next() * year));

  const rc = r.fork('companies');
  const companyIds = ids(rc, sizes.companies, 9_000_000_000, 5000);
  const companies: HistoryCompany[] = companyIds.map((id, i) => {
    const name = `${words[i % words.length]} ${suffixes[Math.floor(i / words.length) % suffixes.length]}${i >= words.length * suffixes.length ? ` ${i}` : ''}`;
    return {
      id, name,
      domain: rc.chance(0.5) ? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example` : null,
      industry: rc.pick(industries), employees: rc.int(5, 4000), country: rc.pick(countries),
      tier: rc.weighted([['Gold', 1], ['Silver', 2], ['Bronze', 3]] as const), partner: rc.chance(0.3) ? 'Yes' : 'No',
      customerSince: rc.chance(0.4) ? day(at(rc)) : null,
    };
  });

  const rp = r.fork('contacts');
  const contactIds = ids(rp, sizes.contacts, 100_000, 40);
  const stages = [['subscriber', 'subscriber', 20], ['lead', 'lead', 40], ['marketingqualifiedlead', 'mql', 10], ['Hot Lead', 'mql', 6], ['salesqualifiedlead', 'sql', 10], ['opportunity', 'opportunity', 7], ['customer', 'customer', 7]] as const;
  const contacts: HistoryContact[] = contactIds.map((id) => {
    const [stage, stageKey] = rp.weighted(stages.map(([s, k, w]) => [[s, k] as const, w] as const));
    const persona = rp.weighted([['Developer', 4], ['Dev', 2], ['Executive', 2], ['Marketer', 3], ['Ops', 1]] as const);
    return {
      id, first: rp.pick(firstNames), last: rp.pick(lastNames), title: rp.pick(titles), stage, stageKey,
      leadStatus: rp.pick(['NEW', 'OPEN', 'IN_PROGRESS', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', '']),
      source: rp.pick(['ORGANIC_SEARCH', 'PAID_SEARCH', 'social', 'EMAIL_MARKETING', 'REFERRALS']),
      created: minute(at(rp)), companyId: rp.chance(0.85) ? rp.pick(companyIds) : null,
      score: rp.chance(0.9) ? rp.int(0, 100) : null, firstConversion: rp.chance(0.7) ? day(at(rp)) : null,
      persona, newsletter: rp.chance(0.4) ? 'true' : 'false', status: rp.pick(['Active', 'Churned', 'Prospect'] as const),
      notes: `Met at ${rp.pick(['booth', 'webinar', 'meetup', 'dinner'])} ${rp.int(1, 500)}`,
    };
  });

  const rd = r.fork('deals');
  const dealIds = ids(rd, sizes.deals, 20_000_000_000, 900);
  const dealStages = [['appointmentscheduled', 'open', 3], ['qualifiedtobuy', 'open', 3], ['presentationscheduled', 'open', 2], ['contractsent', 'open', 2], ['closedwon', 'won', 5], ['closedlost', 'lost', 4]] as const;
  const deals: HistoryDeal[] = dealIds.map((id, i) => {
    const [stage, outcome] = rd.weighted(dealStages.map(([s, o, w]) => [[s, o] as const, w] as const));
    const first = rd.pick(contacts);
    const second = rd.chance(0.15) ? rd.pick(contacts.filter((c) => c !== first)) : null;
    const created = at(rd);
    return {
      id, name: `${first.last} ${['pilot', 'rollout', 'renewal', 'expansion'][i % 4]} ${i + 1}`, stage, outcome,
      amount: rd.int(20, 900) * 100, closeDate: day(new Date(created.getTime() + rd.int(10, 120) * 86400_000)),
      lostReason: outcome === 'lost' ? rd.pick(lostReasons) : '', created: minute(created),
      contactIds: second ? [first.id, second.id] : [first.id], companyId: first.companyId, seats: rd.int(1, 250),
    };
  });

  const csv = (rows: unknown[][]) => stringify(rows);
  return {
    companies, contacts, deals,
    files: {
      companies: csv([
        ['Company ID', 'Company name', 'Company Domain Name', 'Industry', 'Number of Employees', 'Country/Region', 'Tier', 'Partner Program', 'Customer Since'],
        ...companies.map((c) => [c.id, c.name, c.domain ?? '', c.industry, c.employees, c.country, c.tier, c.partner, c.customerSince ?? '']),
      ]),
      contacts: csv([
        ['Record ID', 'First Name', 'Last Name', 'Job Title', 'Lifecycle Stage', 'Lead Status', 'Original Source', 'Create Date', 'Associated Company IDs',
          'Lead Score', 'First Conversion Date', 'Persona', 'Newsletter Opt-in', 'Status', 'Notes'],
        ...contacts.map((c) => [c.id, c.first, c.last, c.title, c.stage, c.leadStatus, c.source, c.created, c.companyId ?? '', c.score ?? '', c.firstConversion ?? '',
          c.persona, c.newsletter, c.status, c.notes]),
      ]),
      deals: csv([
        ['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date', 'Closed Lost Reason', 'Create Date', 'Associated Contact IDs', 'Associated Company IDs', 'Seats'],
        ...deals.map((d) => [d.id, d.name, d.stage, d.amount, d.closeDate, d.lostReason, d.created, d.contactIds.join(';'), d.companyId ?? '', d.seats]),
      ]),
    },
  };
}
