import { describe, expect, it } from 'vitest';
import { absoluteUrl, agendaWarning, formatCell, formatInstant, formatValue } from './format-value.js';

describe('formatValue', () => {
  it('shows each format the one way every renderer uses', () => {
    expect(formatValue(12_500, 'money')).toBe('€12,500');
    expect(formatValue(12_500.4, 'money')).toBe('€12,500');
    expect(formatValue(42.5, 'money')).toBe('€42.50');
    expect(formatValue(-300, 'money')).toBe('-€300');
    expect(formatValue(0.4251, 'percent')).toBe('42.5%');
    expect(formatValue(1, 'percent')).toBe('100.0%');
    expect(formatValue(3.46, 'hours')).toBe('3.5 h');
    expect(formatValue(1, 'days')).toBe('1 day');
    expect(formatValue(38.5, 'days')).toBe('38.5 days');
    expect(formatValue(44.6, 'minutes')).toBe('45 min');
    expect(formatValue(1_234_567, 'number')).toBe('1,234,567');
    expect(formatValue(3.14159, 'number')).toBe('3.14');
  });

  it('shows a missing value as a dash, whatever the format', () => {
    for (const f of ['number', 'money', 'percent', 'hours', 'days', 'minutes'] as const) {
      expect(formatValue(null, f)).toBe('—');
      expect(formatValue(Number.NaN, f)).toBe('—');
    }
  });

  it('shortens long numbers on chart axes only when asked', () => {
    expect(formatValue(30_000, 'money', { compact: true })).toBe('€30K');
    expect(formatValue(12_500, 'money', { compact: true })).toBe('€12.5K');
    expect(formatValue(5_000, 'number', { compact: true })).toBe('5K');
    expect(formatValue(500, 'money', { compact: true })).toBe('€500');
    expect(formatValue(0.25, 'percent', { compact: true })).toBe('25%');
  });
});

describe('formatCell', () => {
  it('formats numbers by the column, dates in the zone, and leaves text alone', () => {
    expect(formatCell(84_500, 'money', 'Europe/Madrid')).toBe('€84,500');
    expect(formatCell(1500, 'text', 'Europe/Madrid')).toBe('1,500');
    expect(formatCell('Rae Rep', 'text', 'Europe/Madrid')).toBe('Rae Rep');
    expect(formatCell('n/a', 'money', 'Europe/Madrid')).toBe('n/a');
    expect(formatCell(null, 'percent', 'Europe/Madrid')).toBe('—');
    expect(formatCell('2026-11-12', 'date', 'Pacific/Auckland')).toBe('12 Nov 2026');
    // 15:30 UTC is 16:30 in Madrid (CET) and 04:30 the next day in Auckland (NZDT).
    expect(formatCell('2026-12-04T15:30:00.000Z', 'date', 'Europe/Madrid')).toBe('4 Dec 2026, 16:30');
    expect(formatCell('2026-12-04T15:30:00.000Z', 'date', 'Pacific/Auckland')).toBe('5 Dec 2026, 04:30');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(formatInstant('2026-07-01T09:05:00Z', 'Nowhere/Atlantis')).toBe('1 Jul 2026, 09:05');
  });
});

describe('helpers', () => {
  it('makes app paths absolute whether or not the base ends with a slash', () => {
    expect(absoluteUrl('https://crm.example.com/', '/sla?owner=7')).toBe('https://crm.example.com/sla?owner=7');
    expect(absoluteUrl('https://crm.example.com/revloop', '/sla')).toBe('https://crm.example.com/revloop/sla');
  });

  it('warns only when the agenda runs over', () => {
    expect(agendaWarning(null)).toBeNull();
    expect(agendaWarning({ total_minutes: 35, duration_minutes: 35, over_by_minutes: 0 })).toBeNull();
    expect(agendaWarning({ total_minutes: 36, duration_minutes: 35, over_by_minutes: 1 })).toMatch(/^The agenda runs 1 minute over the 35-minute meeting/);
  });
});
