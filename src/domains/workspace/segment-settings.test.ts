import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { refused } from '../../testing/refused.js';
import type { Ctx } from '../context.js';
import { createCompany, updateCompany } from '../crm/companies.js';
import { importCsv } from '../crm/csv-import/import-csv.js';
import { createDeal } from '../crm/deals.js';
import { createUser } from '../crm/users.js';
import { activeScoringModel, saveScoringModel } from '../scoring/scoring-settings.js';
import { saveRoutingRules } from '../sla/routing-rules.js';
import { saveSlaPolicies } from '../sla/sla-policies.js';
import { listSegments } from './segment-list.js';
import { keyFromLabel, saveSegments, segmentSettings, segmentsFromText } from './segment-settings.js';


const regions = ['EMEA', 'DACH', 'Nordics', 'Iberia', 'UK & Ireland', 'North America', 'LATAM', 'APAC'];
const lines = ['Enterprise', 'Commercial', 'SMB', 'Public sector', 'Partner'];
const forty = regions.flatMap((r) => lines.map((l) => ({ label: `${r} ${l}` })));

describe.each(testBackends())('configurable company segments on %s', (backend) => {
  it('starts with enterprise / mid-market / small sized by head count, and checks companies and deals against the list', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock('2026-03-02T09:00:00Z'), actor: { type: 'system', id: 'test' } };
      expect(await segmentSettings(t.db)).toEqual({
        segments: [
          { key: 'enterprise', label: 'Enterprise', companies: 0, deals: 0 },
          { key: 'mid_market', label: 'Mid-market', companies: 0, deals: 0 },
          { key: 'small', label: 'Small', companies: 0, deals: 0 },
        ],
        sized_by_employees: true,
      });
      const big = await createCompany(ctx, { name: 'Big', employees: 5000 });
      expect(big.segment).toBe('enterprise');
      expect(await refused(createCompany(ctx, { name: 'Bad', segment: 'Enterprise', properties: { nope: 1 } }))).toEqual([
        { field: 'properties.nope', problem: expect.stringMatching(/not a company property/) },
        { field: 'segment', problem: 'must be one of enterprise, mid_market, small (the key, not the label "Enterprise")' },
      ]);
      expect(await refused(createDeal(ctx, { name: 'D', stage: 'discovery', segment: 'galactic' }))).toEqual([{ field: 'segment', problem: 'must be one of enterprise, mid_market, small' }]);

      // Forty region × line segments replace the defaults; enterprise stays (a company uses it).
      const removeAll = await refused(saveSegments(t.db, { segments: forty }));
      expect(removeAll).toEqual([{ field: 'segments', problem: 'cannot remove enterprise: used by 1 company; move them to another segment (or change the rules) first' }]);
      const saved = await saveSegments(t.db, { segments: [{ key: 'enterprise', label: 'Global enterprise' }, ...forty] });
      expect(saved.segments).toHaveLength(41);
      expect(saved.segments.slice(0, 3).map((s) => [s.key, s.label, s.companies])).toEqual([
        ['enterprise', 'Global enterprise', 1],
        ['emea_enterprise', 'EMEA Enterprise', 0],
        ['emea_commercial', 'EMEA Commercial', 0],
      ]);
      expect(saved.segments.map((s) => s.key)).toContain('uk_ireland_public_sector');
      // Without the three default keys, head count no longer picks a segment.
      expect(saved.sized_by_employees).toBe(false);
      expect((await createCompany(ctx, { name: 'Huge', employees: 90000 })).segment).toBeNull();

      const co = await createCompany(ctx, { name: 'Nord', segment: 'nordics_smb' });
      await createDeal(ctx, { name: 'N1', stage: 'discovery', company_id: co.id });
      await createDeal(ctx, { name: 'N2', stage: 'discovery', segment: 'nordics_smb' });
      expect((await updateCompany(ctx, co.id, { segment: 'apac_partner' })).segment).toBe('apac_partner');
      expect(await refused(updateCompany(ctx, co.id, { segment: 'small' }))).toEqual([{ field: 'segment', problem: expect.stringMatching(/^must be one of enterprise, emea_enterprise, .*, apac_partner$/) }]);

      // Relabel and reorder keep the keys; removing one in use says how many records use it.
      const keys = (await listSegments(t.db)).map((s) => ({ key: s.key, label: s.key === 'apac_partner' ? 'APAC partners' : s.label })).reverse();
      const reordered = await saveSegments(t.db, { segments: keys });
      expect(reordered.segments[0]).toEqual({ key: 'apac_partner', label: 'APAC partners', companies: 1, deals: 0 });
      expect(reordered.segments.find((s) => s.key === 'nordics_smb')).toMatchObject({ companies: 0, deals: 2 });
      await saveSlaPolicies(t.db, { policies: [{ id: 'apac', name: 'APAC partners', match: { segments: ['apac_partner'] }, firstTouchMinutes: 60, attempts: 5, attemptsDays: 7 }, { id: 'default', name: 'Everyone', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14 }] });
      expect(await refused(saveSegments(t.db, { segments: keys.filter((s) => s.key !== 'apac_partner' && s.key !== 'nordics_smb') }))).toEqual([
        { field: 'segments', problem: 'cannot remove apac_partner: used by 1 company and SLA policy "APAC partners"; move them to another segment (or change the rules) first' },
        { field: 'segments', problem: 'cannot remove nordics_smb: used by 2 deals; move them to another segment (or change the rules) first' },
      ]);
      expect(await refused(saveSlaPolicies(t.db, { policies: [{ id: 'x', name: 'X', match: { segments: ['apac_partner', 'mid_market'] }, firstTouchMinutes: 60, attempts: 5, attemptsDays: 7 }, { id: 'default', name: 'Everyone', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14 }] }))).toEqual([
        { field: 'policies[0].match.segments[1]', problem: expect.stringMatching(/^must be one of /) },
      ]);
      // A routing rule or a fit rule that tests for a segment keeps it too: it would never match again.
      await createUser(t.db, { name: 'Lia Rep', email: 'lia@revloop.test', role: 'sales_rep', team: 'SDR' });
      await saveRoutingRules(t.db, { rules: [{ id: 'latam', name: 'LATAM desk', conditions: [{ field: 'company.segment', op: 'in', value: ['latam_smb', 'latam_commercial'] }], team: 'SDR' }] });
      const model = (await activeScoringModel(t.db)).value;
      await saveScoringModel(ctx, { ...model, fit: [...model.fit, { id: 'iberia', label: 'Iberian enterprise', field: 'company.segment', op: 'equals', value: 'Iberia_Enterprise', points: 10 }] });
      expect(await refused(saveSegments(t.db, { segments: keys.filter((s) => s.key !== 'latam_smb' && s.key !== 'iberia_enterprise') }))).toEqual([
        { field: 'segments', problem: 'cannot remove latam_smb: used by routing rule "LATAM desk"; move them to another segment (or change the rules) first' },
        { field: 'segments', problem: 'cannot remove iberia_enterprise: used by fit rule "Iberian enterprise"; move them to another segment (or change the rules) first' },
      ]);
      await saveRoutingRules(t.db, { rules: [] });
      // An unused segment goes.
      expect((await saveSegments(t.db, { segments: keys.filter((s) => s.key !== 'latam_smb') })).segments.map((s) => s.key)).not.toContain('latam_smb');
    } finally {
      await t.cleanup();
    }
  });

  it('refuses repeated keys and labels by position, makes keys from labels, and reads the CLI list', async () => {
    const t = await createTestDb(backend);
    try {
      expect(await refused(saveSegments(t.db, { segments: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }, { label: 'b' }, { key: '9x', label: '' }] }))).toEqual([
        { field: 'segments.3.key', problem: expect.stringMatching(/lower_snake_case/) },
        { field: 'segments.3.label', problem: 'is required' },
      ]);
      expect(await refused(saveSegments(t.db, { segments: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }, { label: 'b' }] }))).toEqual([
        { field: 'segments.1.key', problem: '"a" is used by an earlier segment; keys must be unique' },
        { field: 'segments.2.label', problem: '"b" is the label of segment 2; labels must be unique' },
      ]);
      expect(await refused(saveSegments(t.db, { segments: [] }))).toEqual([{ field: 'segments', problem: 'must list at least one segment' }]);
      // "Small" as a new label while the key small already holds another label: the key gets a suffix.
      const s = await saveSegments(t.db, { segments: [{ key: 'small', label: 'SMB' }, { label: 'Small' }, { label: 'Öffentlicher Sektor' }, { label: '2nd line' }] });
      expect(s.segments.map((x) => [x.key, x.label])).toEqual([['small', 'SMB'], ['small_2', 'Small'], ['offentlicher_sektor', 'Öffentlicher Sektor'], ['s_2nd_line', '2nd line']]);
      expect(keyFromLabel('UK & Ireland')).toBe('uk_ireland');
      expect(segmentsFromText('small, SMALL , Public sector, gov=Government', [{ key: 'small', label: 'SMB' }, { key: 'small_2', label: 'Small' }])).toEqual([
        { key: 'small', label: 'SMB' },
        { key: 'small_2', label: 'Small' },
        { label: 'Public sector' },
        { key: 'gov', label: 'Government' },
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('imports companies by segment key or label, and names a segment the list does not have', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock('2026-03-02T09:00:00Z'), actor: { type: 'import' } };
      await saveSegments(t.db, { segments: [{ key: 'iberia_smb', label: 'Iberia SMB' }, { key: 'dach_enterprise', label: 'DACH Enterprise' }] });
      const csv = (text: string) => Readable.from([Buffer.from(text)]);
      await importCsv(ctx, 'companies', csv('Name,Domain,Segment,Employees\nUno,uno.es,Iberia SMB,40\nZwei,zwei.de,dach_enterprise,9000\nTres,tres.pt,,12\n'));
      const rows = await t.db.query<{ domain: string; segment: string | null }>('SELECT domain, segment FROM companies ORDER BY domain');
      // The list has no default keys: head count leaves Tres without a segment.
      expect(rows).toEqual([{ domain: 'tres.pt', segment: null }, { domain: 'uno.es', segment: 'iberia_smb' }, { domain: 'zwei.de', segment: 'dach_enterprise' }]);
      const err = await refused(importCsv(ctx, 'companies', csv('Name,Domain,Segment\nCuatro,cuatro.es,Mid-market\n')));
      expect(err).toEqual([expect.objectContaining({ row: 2, field: 'segment', problem: '"Mid-market" is not a segment; use one of iberia_smb, dach_enterprise' })]);
    } finally {
      await t.cleanup();
    }
  });
});
