import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { conditionSql, conditionSqlProblem, conditionsSql, postgresPattern } from './condition-sql.js';
import { conditionsHold, readField, testProperty, type FieldCondition } from './property-test.js';

// Hand-built contacts and companies covering what the grammar meets: texts with odd case and
// spaces, numbers stored as texts (and a text that is no number), blanks, multi-select lists,
// booleans, custom properties, a line break, a contact without company and one without scores.
const companies = {
  acme: { industry: 'Software', employees: 250, country: 'ES', properties: { tech_stack: ['Salesforce', 'HubSpot'], budget: '5000', tier: ' Gold ' } },
  bank: { industry: ' financial services ', employees: null, country: 'PT', properties: { tech_stack: [], budget: 12000, tier: '' } },
  blank: { industry: null, employees: 5000, country: '', properties: {} },
};
const contacts: Record<string, { job_title: string | null; company: keyof typeof companies | null; stage?: string; properties: Record<string, unknown>; score?: [string, number, number] }> = {
  ana: { job_title: 'Chief Financial Officer', company: 'acme', properties: { buying_role: 'decision_maker', seats: '12', newsletter: true, interests: ['pricing', 'API'] }, score: ['fan', 10, 80] },
  ben: { job_title: 'cfo', company: 'bank', stage: 'mql', properties: { seats: 7, newsletter: 'TRUE', interests: 'pricing' }, score: ['hot', 70, 90] },
  cy: { job_title: '  ', company: 'blank', properties: { seats: ' 40 ', interests: [], buying_role: null }, score: ['suppress', 0, 0] },
  dee: { job_title: 'Intern\nSoftware', company: null, properties: { seats: 'many', newsletter: false } },
  eve: { job_title: 'VP Sales', company: 'acme', stage: 'mql', properties: { seats: '1e2', interests: ['API', ' '] }, score: ['fan', 25.5, 60] },
  fay: { job_title: null, company: null, properties: {} },
};

const c = (field: string, op: string, value: unknown) => ({ field, op, value }) as FieldCondition;

// Each condition with the contacts it holds for, worked out by hand.
const cases: [FieldCondition, string[]][] = [
  [c('company.industry', 'equals', 'Financial Services'), ['ben']],
  [c('contact.job_title', 'equals', 'CFO'), ['ben']],
  [c('company.employees', 'equals', 250), ['ana', 'eve']],
  [c('company.employees', 'equals', '250'), ['ana', 'eve']],
  [c('contact.properties.seats', 'equals', 12), ['ana']],
  [c('contact.properties.seats', 'equals', '7'), ['ben']],
  [c('contact.properties.seats', 'equals', 100), ['eve']],
  [c('company.properties.budget', 'equals', 5000), ['ana', 'eve']],
  [c('contact.properties.newsletter', 'equals', true), ['ana', 'ben']],
  [c('contact.properties.newsletter', 'equals', false), ['dee']],
  [c('company.properties.tech_stack', 'equals', 'hubspot'), ['ana', 'eve']],
  [c('contact.properties.interests', 'equals', 'PRICING'), ['ana', 'ben']],
  [c('company.properties.tier', 'equals', 'gold'), ['ana', 'eve']],
  [c('company.country', 'in', ['es', ' PT ']), ['ana', 'ben', 'eve']],
  [c('contact.properties.seats', 'in', [7, 40]), ['ben', 'cy']],
  [c('contact.properties.seats', 'in', ['many', 12]), ['ana', 'dee']],
  [c('company.properties.tech_stack', 'in', ['salesforce', 'zoho']), ['ana', 'eve']],
  [c('contact.job_title', 'matches', 'chief|^vp'), ['ana', 'eve']],
  [c('contact.job_title', 'matches', 'intern.software'), []],
  [c('contact.job_title', 'matches', '^cfo$'), ['ben']],
  [c('contact.job_title', 'matches', 'in[a-t]e(r|x)n\\s*\\w+'), ['dee']],
  [c('contact.properties.seats', 'matches', '^\\d{2}$'), ['ana']],
  [c('contact.properties.seats', 'matches', '^7$'), ['ben']],
  [c('contact.properties.interests', 'matches', '^ap.$'), ['ana', 'eve']],
  [c('company.employees', 'gt', 250), ['cy']],
  [c('company.employees', 'gte', 250), ['ana', 'cy', 'eve']],
  [c('contact.properties.seats', 'lt', 12), ['ben']],
  [c('contact.properties.seats', 'lte', 12), ['ana', 'ben']],
  [c('contact.properties.seats', 'gt', 12), ['cy', 'eve']],
  [c('contact.properties.seats', 'between', [7, 40]), ['ana', 'ben', 'cy']],
  [c('company.properties.budget', 'between', [1000, 6000]), ['ana', 'eve']],
  [c('company.industry', 'exists', true), ['ana', 'ben', 'eve']],
  [c('company.industry', 'exists', false), ['cy', 'dee', 'fay']],
  [c('contact.job_title', 'exists', false), ['cy', 'fay']],
  [c('contact.properties.interests', 'exists', true), ['ana', 'ben', 'eve']],
  [c('company.properties.tech_stack', 'exists', false), ['ben', 'cy', 'dee', 'fay']],
  [c('company.properties.tier', 'exists', true), ['ana', 'eve']],
  [c('contact.properties.nothing', 'exists', false), ['ana', 'ben', 'cy', 'dee', 'eve', 'fay']],
  [c('contact.quadrant', 'equals', 'FAN'), ['ana', 'eve']],
  [c('contact.quadrant', 'exists', false), ['dee', 'fay']],
  [c('contact.fit', 'gte', 25.5), ['ben', 'eve']],
  [c('contact.interest', 'between', [60, 80]), ['ana', 'eve']],
];

describe.each(testBackends())('conditions in SQL and in JS on %s', (backend) => {
  let t: TestDb;
  const idOf = new Map<string, number>();
  const nameOf = new Map<number, string>();

  beforeAll(async () => {
    t = await createTestDb(backend);
    const companyId = new Map<string, number>();
    for (const [name, co] of Object.entries(companies)) {
      const [row] = await t.db.query<{ id: number }>('INSERT INTO companies (name, industry, employees, country, properties) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        name, co.industry, co.employees, co.country, JSON.stringify(co.properties),
      ]);
      companyId.set(name, Number(row!.id));
    }
    for (const [name, k] of Object.entries(contacts)) {
      const [row] = await t.db.query<{ id: number }>(
        'INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, properties) VALUES ($1, $1, $2, $3, $4, $5) RETURNING id',
        [`${name}@x.test`, k.job_title, k.company ? companyId.get(k.company) : null, k.stage ?? 'lead', JSON.stringify(k.properties)],
      );
      const id = Number(row!.id);
      idOf.set(name, id);
      nameOf.set(id, name);
      if (k.score) {
        await t.db.query(
          `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at) VALUES ($1, $2, $3, $4, '[]', '[]', 1, now())`,
          [id, k.score[1], k.score[2], k.score[0]],
        );
      }
    }
  }, 120_000);
  afterAll(() => t.cleanup());

  const from = `contacts c LEFT JOIN companies co ON co.id = c.company_id LEFT JOIN contact_scores s ON s.contact_id = c.id`;
  const aliases = { contact: 'c', company: 'co', scores: 's' };

  /** Who the SQL predicate selects. */
  const bySql = async (conditions: FieldCondition[]) => {
    const params: unknown[] = [];
    const where = conditionsSql(conditions, aliases, (v) => `$${params.push(v)}`);
    if (where === null) throw new Error('not expressible in SQL');
    const rows = await t.db.query<{ id: number }>(`SELECT c.id FROM ${from} WHERE ${where} ORDER BY c.id`, params);
    return rows.map((r) => nameOf.get(Number(r.id))!).sort();
  };
  /** Who the JS matcher selects, reading the rows as routing reads a lead (route-leads.ts loadLead). */
  const byJs = async (conditions: FieldCondition[]) => {
    const rows = await t.db.query<{ id: number; contact: Record<string, unknown>; company: Record<string, unknown> | null }>(
      `SELECT c.id, to_jsonb(c) || jsonb_build_object('quadrant', s.quadrant, 'fit', s.fit, 'interest', s.interest) AS contact, to_jsonb(co) AS company FROM ${from}`,
    );
    return rows.filter((r) => conditionsHold(conditions, { contact: r.contact, company: r.company })).map((r) => nameOf.get(Number(r.id))!).sort();
  };

  it.each(cases.map(([cond, expected]) => [`${cond.field} ${cond.op} ${JSON.stringify(cond.value)}`, cond, expected] as const))('%s: the same contacts both ways', async (_, cond, expected) => {
    expect(await bySql([cond])).toEqual(expected);
    expect(await byJs([cond])).toEqual(expected);
  });

  it('ANDs several conditions, and no condition at all holds for everyone', async () => {
    const both = [c('contact.quadrant', 'equals', 'fan'), c('contact.properties.interests', 'in', ['api'])];
    expect(await bySql(both)).toEqual(['ana', 'eve']);
    expect(await byJs(both)).toEqual(['ana', 'eve']);
    const three = [...both, c('contact.job_title', 'matches', '^vp')];
    expect(await bySql(three)).toEqual(['eve']);
    expect(await byJs(three)).toEqual(['eve']);
    expect(await bySql([])).toEqual(Object.keys(contacts).sort());
  });

  it('binds every value: a quote or a placeholder in a value is only data', async () => {
    expect(await bySql([c('contact.job_title', 'equals', "x' OR '1'='1")])).toEqual([]);
    expect(await bySql([c('contact.properties.$1', 'exists', false)])).toEqual([...idOf.keys()].sort());
  });
});

describe('patterns the database runs the way RE2 does', () => {
  it('translates the shared dialect and refuses what PostgreSQL reads differently', () => {
    expect(postgresPattern('chief|^vp')).toBe('(?p)chief|^vp');
    expect(postgresPattern('\\d{2,3}\\s[\\w-]+\\.')).toBe('(?p)[0-9]{2,3}[ \\t\\n\\f\\r][0-9A-Za-z_-]+\\.');
    expect(postgresPattern('(?:a|b)+?c')).toBe('(?p)(?:a|b)+?c');
    for (const refused of ['\\bcfo\\b', 'dé', '[^a]', '\\D', '(?i)x', '(?=a)', 'a{300}', '(?<n>x)', '[\\d-z]', 'a]', '\\p{L}']) {
      expect(postgresPattern(refused), refused).toBeNull();
    }
  });

  it('leaves a condition it cannot write to the caller, naming why', () => {
    const cond = c('contact.job_title', 'matches', '\\bcfo\\b');
    expect(conditionSql(cond, { contact: 'c', company: 'co' }, () => '$1')).toBeNull();
    expect(conditionsSql([c('contact.job_title', 'exists', true), cond], { contact: 'c', company: 'co' }, () => '$1')).toBeNull();
    expect(conditionSqlProblem(cond)).toMatch(/^uses a pattern the database cannot run the same way/);
    expect(conditionSqlProblem(c('contact.job_title', 'matches', 'cfo'))).toBeNull();
    // The JS matcher still runs it.
    expect(testProperty(cond, readField(cond.field, { contact: { job_title: 'The CFO' }, company: null })).met).toBe(true);
  });
});
