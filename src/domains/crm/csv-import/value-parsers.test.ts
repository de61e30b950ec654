import { describe, expect, it } from 'vitest';
import { escapeFormula, unescapeFormula } from '../csv-export/formula-escape.js';
import { resolveColumns } from './column-mapping.js';
import { detectDelimiter } from './csv-records.js';
import { headerKey } from './header-aliases.js';
import { parseDateOnly, parseDateTime, parseDealStage, parseDuration, parseLeadStatus, parseNumber, parseStage } from './value-parsers.js';

const value = <T>(p: { ok: true; value: T } | { ok: false; problem: string }) => (p.ok ? p.value : `ERR ${p.problem}`);

describe('CSV value parsing (pure)', () => {
  it('reads numbers as CRMs and spreadsheets write them, keeping a currency sign', () => {
    expect(value(parseNumber('1,234.50'))).toEqual({ value: 1234.5 });
    expect(value(parseNumber('1.234,50'))).toEqual({ value: 1234.5 });
    expect(value(parseNumber('€ 12 000'))).toEqual({ value: 12000, currency: 'EUR' });
    expect(value(parseNumber('$1,200,000'))).toEqual({ value: 1200000, currency: 'USD' });
    expect(value(parseNumber('12,5'))).toEqual({ value: 12.5 });
    expect(value(parseNumber('1.234.567'))).toEqual({ value: 1234567 });
    expect(value(parseNumber('250 GBP'))).toEqual({ value: 250, currency: 'GBP' });
    expect(value(parseNumber('(300)'))).toEqual({ value: -300 });
    expect(value(parseNumber('12abc'))).toMatch(/^ERR must be a number/);
    expect(value(parseNumber('1,2,3'))).toMatch(/^ERR/);
  });

  it('reads ISO dates, HubSpot "2026-03-01 10:00", epoch ms, and slash dates only when unambiguous unless told', () => {
    expect(value(parseDateTime('2026-03-01'))).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(value(parseDateTime('2026-03-01 10:00'))).toEqual(new Date('2026-03-01T10:00:00Z'));
    expect(value(parseDateTime('2026-03-01T10:00:00.000+02:00'))).toEqual(new Date('2026-03-01T08:00:00Z'));
    expect(value(parseDateTime('1772359200000'))).toEqual(new Date(1772359200000));
    expect(value(parseDateTime('13/01/2026'))).toEqual(new Date('2026-01-13T00:00:00Z'));
    expect(value(parseDateTime('01/13/2026 3:30 PM'))).toEqual(new Date('2026-01-13T15:30:00Z'));
    expect(value(parseDateTime('03/01/2026'))).toMatch(/ambiguous.*--date-format/);
    expect(value(parseDateTime('03/01/2026', 'mdy'))).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(value(parseDateTime('03/01/2026', 'dmy'))).toEqual(new Date('2026-01-03T00:00:00Z'));
    expect(value(parseDateTime('2026-02-30'))).toMatch(/^ERR must be a date/);
    expect(value(parseDateTime('31/04/2026', 'dmy'))).toMatch(/not a date when read as day\/month\/year/);
    expect(value(parseDateTime('next tuesday'))).toMatch(/^ERR/);
    expect(value(parseDateOnly('2026-03-01 23:30'))).toBe('2026-03-01');
  });

  it('maps HubSpot and Salesforce values to Revloop stages and statuses', () => {
    expect(value(parseStage('marketingqualifiedlead'))).toBe('mql');
    expect(value(parseStage('Marketing Qualified Lead'))).toBe('mql');
    expect(value(parseStage('salesqualifiedlead'))).toBe('sql');
    expect(value(parseStage('Hot lead', new Map([[headerKey('Hot lead'), 'mql']])))).toBe('mql');
    expect(value(parseStage('warm'))).toMatch(/not a lifecycle stage/);
    expect(value(parseLeadStatus('ATTEMPTED_TO_CONTACT'))).toBe('attempting');
    expect(value(parseLeadStatus('Open - Not Contacted'))).toBe('new');
    expect(value(parseLeadStatus('IN_PROGRESS'))).toBe('attempting');
    const stages = [
      { key: 'discovery', label: 'Discovery', position: 1, probability: 10, outcome: 'open' as const },
      { key: 'closed_won', label: 'Closed Won', position: 2, probability: 100, outcome: 'won' as const },
    ];
    expect(value(parseDealStage('closedwon', stages))).toMatchObject({ key: 'closed_won' });
    expect(value(parseDealStage('Closed Won', stages))).toMatchObject({ key: 'closed_won' });
    expect(value(parseDealStage('Prospecting', stages))).toMatchObject({ key: 'discovery' });
    expect(value(parseDealStage('Proposal/Price Quote', stages))).toMatch(/not a stage of this pipeline; use one of discovery, closed_won/);
    expect(value(parseDuration('00:01:35'))).toBe(95);
  });

  it('escapes formula cells for spreadsheets, and the import undoes exactly that', () => {
    for (const s of ['=SUM(A1)', '+1', '-2', '@x', '\tx', '\rx', "'=x", "''+1"]) {
      expect(escapeFormula(s)).toBe(`'${s}`);
      expect(unescapeFormula(escapeFormula(s))).toBe(s);
    }
    for (const s of ['Ana', "O'Brien", "'quoted'", '1+1', 'a=b']) {
      expect(escapeFormula(s)).toBe(s);
      expect(unescapeFormula(s)).toBe(s);
    }
  });

  it('detects the delimiter from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('First Name,Last Name,Email')).toBe(',');
    expect(detectDelimiter('First Name;Last Name;"Email, work"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });

  it('recognises headers whatever their case, spacing or punctuation, and refuses the unknown with --map advice', () => {
    const { columns, problems } = resolveColumns('contacts', ['FIRST NAME', 'last_name', 'Owner.Email', 'Became a Customer Date', 'Fav Colour'], [], new Map());
    expect(columns.slice(0, 4).map((c) => c.field)).toEqual(['first_name', 'last_name', 'owner', 'became_customer']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ column: 'Fav Colour' });
    expect(problems[0]!.problem).toContain('--map "Fav Colour=properties.<name>"');
    expect(problems[0]!.problem).toContain('--map "Fav Colour=-"');
    const twice = resolveColumns('contacts', ['Email', 'Email Address'], [], new Map());
    expect(twice.problems[0]!.problem).toMatch(/"Email" and "Email Address" both mean email/);
  });
});
