import { describe, expect, it } from 'vitest';
import { splitVisits, type VisitHit } from './split-visits.js';

const t0 = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const page = (minutes: number, path: string, extra: Partial<VisitHit> = {}): VisitHit => ({ at: at(minutes), url: `https://acme.com${path}`, ...extra });

describe('splitVisits', () => {
  it('keeps a 29-minute gap in one visit and starts a new one after 31 minutes', () => {
    const visits = splitVisits([page(0, '/'), page(29, '/pricing'), page(60, '/demo')]);
    expect(visits.map((v) => v.pages)).toEqual([
      ['https://acme.com/', 'https://acme.com/pricing'],
      ['https://acme.com/demo'],
    ]);
  });

  it('treats exactly 30 minutes as still the same visit (a new one needs more than the timeout)', () => {
    expect(splitVisits([page(0, '/'), page(30, '/a')])).toHaveLength(1);
    expect(splitVisits([page(0, '/'), page(30.02, '/a')])).toHaveLength(2);
  });

  it('measures inactivity from the previous page view, not from the visit start', () => {
    const visits = splitVisits([page(0, '/'), page(25, '/a'), page(50, '/b'), page(75, '/c')]);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ durationSeconds: 75 * 60, pageCount: 4 });
  });

  it('sorts unsorted input: the landing page and channel come from the earliest hit', () => {
    const visits = splitVisits([
      page(5, '/pricing', { utmSource: 'newsletter', utmMedium: 'email' }),
      page(0, '/blog/crm', { referrer: 'https://www.google.es/' }),
      page(12, '/demo'),
    ]);
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({
      landingPage: 'https://acme.com/blog/crm',
      pages: ['https://acme.com/blog/crm', 'https://acme.com/pricing', 'https://acme.com/demo'],
      pageCount: 3,
      channel: 'Organic Search',
      channelRule: 'organic-search',
      source: 'google',
      medium: 'organic',
      referrer: 'https://www.google.es/',
      startedAt: at(0),
      endedAt: at(12),
      durationSeconds: 720,
    });
  });

  it('does not split when a new campaign arrives mid-visit (GA4), but a later visit gets its own channel', () => {
    const visits = splitVisits([
      page(0, '/', { referrer: 'https://l.facebook.com/' }),
      page(10, '/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=w1'),
      page(100, '/webinar?utm_source=newsletter&utm_medium=email&utm_campaign=w1'),
    ]);
    expect(visits.map((v) => [v.channel, v.campaign])).toEqual([
      ['Organic Social', null],
      ['Email', 'w1'],
    ]);
  });

  it('does not split at midnight (GA4, unlike Universal Analytics)', () => {
    const hits = [new Date('2026-03-02T23:50:00Z'), new Date('2026-03-03T00:10:00Z')].map((d) => ({ at: d, url: 'https://acme.com/' }));
    expect(splitVisits(hits)).toHaveLength(1);
  });

  it('reads utm tags and click ids from the landing URL', () => {
    const [v] = splitVisits([page(0, '/?gclid=abc&utm_campaign=brand')]);
    expect(v).toMatchObject({ channel: 'Paid Search', source: 'google', medium: 'cpc', campaign: 'brand' });
  });

  it('a visit that starts from an own-site referrer is Direct, with siteHost covering subdomains', () => {
    const [v] = splitVisits([{ at: at(0), url: 'https://app.acme.com/login', referrer: 'https://blog.acme.com/' }], { siteHost: 'acme.com' });
    expect(v).toMatchObject({ channel: 'Direct', channelRule: 'direct' });
  });

  it('honours a custom timeout', () => {
    expect(splitVisits([page(0, '/'), page(11, '/a')], { timeoutMinutes: 10 })).toHaveLength(2);
  });

  it('a one-page visit lasts 0 seconds; no hits, no visits', () => {
    expect(splitVisits([page(0, '/')])[0]).toMatchObject({ durationSeconds: 0, pageCount: 1, referrer: null, channel: 'Direct' });
    expect(splitVisits([])).toEqual([]);
  });

  it('keeps hits at the same instant in input order and does not touch the input', () => {
    const hits = [page(0, '/a'), page(0, '/b'), page(-1, '/first')];
    const copy = structuredClone(hits);
    const [v] = splitVisits(hits);
    expect(v!.pages).toEqual(['https://acme.com/first', 'https://acme.com/a', 'https://acme.com/b']);
    expect(hits).toEqual(copy);
    v!.startedAt.setFullYear(2000);
    expect(hits[2]!.at.getFullYear()).toBe(2026);
  });

  it('refuses a hit without a valid date, naming it', () => {
    expect(() => splitVisits([page(0, '/'), { at: new Date('nope'), url: 'https://acme.com/' }])).toThrow(
      expect.objectContaining({ code: 'validation_failed', details: { errors: [{ field: 'hits[1].at', problem: 'is not a valid date' }] } }),
    );
  });
});
