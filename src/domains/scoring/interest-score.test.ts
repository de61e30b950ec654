import { describe, expect, it } from 'vitest';
import { heldSince, interestScore, type ScoredEvent } from './interest-score.js';
import type { FrequencyRule, InterestRule } from './score-rules.js';

const day = 86_400_000;
const now = new Date('2026-03-29T12:00:00Z'); // the day Europe moves its clocks: days stay 24 h
const daysAgo = (d: number, from = now) => new Date(from.getTime() - d * day);
const page = (at: Date, asset = '/blog/post'): ScoredEvent => ({ type: 'page', event: null, at, asset });
const track = (event: string, at: Date, more: Partial<ScoredEvent> = {}): ScoredEvent => ({ type: 'track', event, at, ...more });
const download = (at: Date) => track('Content Downloaded', at, { asset: 'guide-1' });

const downloads: InterestRule = { id: 'download', label: 'Content downloaded', event: 'Content Downloaded', points: 10 };
const views: InterestRule = { id: 'views', label: 'Page view', event: 'page', points: 1, maxTimes: 3 };
const pricing: InterestRule = { id: 'pricing', label: 'Pricing page', event: 'page', asset: '/pricing', points: 5 };
const spring: InterestRule = { id: 'spring', label: 'Spring campaign', event: 'Webinar Attended', campaign: 'Spring-Launch', points: 8 };
const visits: FrequencyRule = { id: 'visits', label: 'More than 15 visits in 30 days', event: 'page', minCount: 16, withinDays: 30, points: 20 };
const tenDownloads: FrequencyRule = { id: 'downloads', label: '10 or more downloads', event: 'Content Downloaded', minCount: 10, withinDays: null, points: 15 };

const model = (over: Partial<{ interest: InterestRule[]; frequency: FrequencyRule[]; halfLifeDays: number | null }> = {}) => ({
  interest: [downloads, views, pricing, spring],
  frequency: [visits, tenDownloads],
  halfLifeDays: 30,
  ...over,
});

describe('interestScore: decay', () => {
  it('halves a 10-point download every 30 days', () => {
    expect(interestScore(model(), [download(now)], now).score).toBe(10);
    expect(interestScore(model(), [download(daysAgo(30))], now).score).toBe(5);
    expect(interestScore(model(), [download(daysAgo(60))], now).score).toBe(2.5);
    expect(interestScore(model(), [download(daysAgo(30)), download(daysAgo(60))], now).reasons).toEqual([
      { ruleId: 'download', label: 'Content downloaded', kind: 'event', count: 2, points: 7.5 },
    ]);
  });

  it('rounds points to hundredths: 10 points 10 days ago with a 30-day half-life', () => {
    // 10 × 0.5^(1/3) = 7.937005...
    expect(interestScore(model(), [download(daysAgo(10))], now).score).toBe(7.94);
  });

  it('does not decay without a half-life', () => {
    expect(interestScore(model({ halfLifeDays: null }), [download(daysAgo(365))], now).score).toBe(10);
  });

  it('is the score at t: later events are ignored, an event at t counts in full', () => {
    const events = [download(daysAgo(30)), download(now), download(daysAgo(-1))];
    expect(interestScore(model(), events, now).score).toBe(15);
    expect(interestScore(model(), events, daysAgo(30)).score).toBe(10);
    expect(interestScore(model(), events, daysAgo(31)).score).toBe(0);
  });
});

describe('interestScore: matching and repeat limits', () => {
  it('counts only the first 3 of 5 page views', () => {
    const five = [4, 3, 2, 1, 0].map((d) => page(daysAgo(d)));
    const res = interestScore(model({ halfLifeDays: null }), five, now);
    expect(res.reasons).toEqual([{ ruleId: 'views', label: 'Page view', kind: 'event', count: 3, points: 3 }]);
  });

  it('keeps the earliest occurrences, whatever order the events come in', () => {
    const res = interestScore(model(), [page(now), page(daysAgo(30)), page(daysAgo(60)), page(daysAgo(90))], now);
    // the 90-, 60- and 30-day-old views: 0.125 + 0.25 + 0.5
    expect(res.reasons[0]).toMatchObject({ ruleId: 'views', count: 3, points: 0.88 });
  });

  it('adds a specific rule to a general one: /pricing is a page view and a pricing visit', () => {
    const res = interestScore(model({ halfLifeDays: null }), [page(now, '/pricing')], now);
    expect(res.reasons.map((r) => [r.ruleId, r.points])).toEqual([['views', 1], ['pricing', 5]]);
    expect(res.score).toBe(6);
  });

  it('near misses: another asset, a track event named like a call type, a page with a name', () => {
    const events = [page(now, '/pricing/'), track('page', now), { type: 'page', event: 'Pricing', at: now, asset: '/pricing' }];
    expect(interestScore(model({ halfLifeDays: null, interest: [pricing] }), events, now).reasons).toEqual([
      { ruleId: 'pricing', label: 'Pricing page', kind: 'event', count: 1, points: 5 },
    ]);
  });

  it('matches a campaign whatever its case, and not without it', () => {
    const m = model({ halfLifeDays: null, interest: [spring] });
    expect(interestScore(m, [track('Webinar Attended', now, { campaign: 'spring-launch ' })], now).score).toBe(8);
    expect(interestScore(m, [track('Webinar Attended', now, { campaign: 'autumn' }), track('Webinar Attended', now)], now).score).toBe(0);
  });

  it('negative points subtract', () => {
    const unsubscribed: InterestRule = { id: 'unsub', label: 'Unsubscribed', event: 'Unsubscribed', points: -20 };
    expect(interestScore(model({ interest: [downloads, unsubscribed] }), [download(now), track('Unsubscribed', now)], now).score).toBe(-10);
  });
});

describe('interestScore: frequency rules', () => {
  const only = (frequency: FrequencyRule[]) => model({ interest: [], frequency });
  // One visit a day at noon, starting `start` days before now.
  const dailyVisits = (count: number, start: number) => Array.from({ length: count }, (_, i) => page(daysAgo(start - i)));

  it('more than 15 visits in 30 days: 16 qualify, 15 do not', () => {
    expect(interestScore(only([visits]), dailyVisits(16, 15), now).reasons).toEqual([
      { ruleId: 'visits', label: 'More than 15 visits in 30 days', kind: 'frequency', count: 16, points: 20, since: now },
    ]);
    expect(interestScore(only([visits]), dailyVisits(15, 14), now).score).toBe(0);
  });

  it('decays from the moment the 16th visit crossed the threshold, and stops when the window slides past', () => {
    const events = dailyVisits(16, 20); // visits 20..5 days ago: the 16th, 5 days ago, crossed
    const res = interestScore(only([visits]), events, now);
    expect(res.reasons[0]).toMatchObject({ since: daysAgo(5), points: 17.82 }); // 20 × 0.5^(5/30)
    // 30 days after the first visit it leaves the window (the window is (t − 30 d, t]).
    expect(interestScore(only([visits]), events, daysAgo(-10)).score).toBe(0);
    expect(interestScore(only([visits]), events, new Date(daysAgo(-10).getTime() - 1)).score).toBeGreaterThan(0);
  });

  it('counts the visits inside the window only: one exactly 30 days old is out', () => {
    const events = [page(daysAgo(30)), ...dailyVisits(16, 15)];
    // 16 visits in the window since yesterday (the old one was still in it then): one unbroken run
    expect(interestScore(only([visits]), events, now).reasons[0]).toMatchObject({ count: 16, since: daysAgo(1) });
  });

  it('near miss: 16 visits spread over 31 days never qualify', () => {
    const spread = Array.from({ length: 16 }, (_, i) => page(daysAgo(i * 2)));
    expect(interestScore(only([visits]), spread, now).score).toBe(0);
  });

  it('10 or more downloads, all time: holds for good once reached', () => {
    const ten = Array.from({ length: 10 }, (_, i) => download(daysAgo(400 - i * 10)));
    const m = model({ interest: [], frequency: [tenDownloads], halfLifeDays: null });
    expect(interestScore(m, ten, now).reasons).toEqual([
      { ruleId: 'downloads', label: '10 or more downloads', kind: 'frequency', count: 10, points: 15, since: daysAgo(310) },
    ]);
    expect(interestScore(m, ten.slice(1), now).score).toBe(0);
  });
});

describe('heldSince', () => {
  it('joins overlapping runs and starts a new one after a gap', () => {
    // 2 events within 10 ms: [0,5] holds 5..10, [5,12] holds 12..15 → a gap at 10..12
    expect(heldSince([0, 5, 12], 2, 10, 9)).toBe(5);
    expect(heldSince([0, 5, 12], 2, 10, 11)).toBeNull();
    expect(heldSince([0, 5, 12], 2, 10, 13)).toBe(12);
    // touching runs: [0,5] holds from 5 until 10, [5,10] from 10 until 15: one unbroken run since 5
    expect(heldSince([0, 5, 10], 2, 10, 14)).toBe(5);
  });
});

// A small seeded generator, so a failing case can be replayed.
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEvents(rand: () => number, start: Date, days: number): ScoredEvent[] {
  const kinds = [() => page(new Date(0)), () => page(new Date(0), '/pricing'), () => download(new Date(0)), () => track('Webinar Attended', new Date(0), { campaign: 'spring-launch' })];
  return Array.from({ length: Math.floor(rand() * 80) }, () => {
    const e = kinds[Math.floor(rand() * kinds.length)]();
    // whole minutes, so "just before" a moment is exact in the brute-force check below
    return { ...e, at: new Date(start.getTime() + Math.floor(rand() * days * 1440) * 60_000) };
  });
}

describe('interestScore is exact at any time (property, seeded)', () => {
  const start = new Date('2026-01-01T00:00:00Z');
  const days = 120;

  it('equals a day-by-day running score: yesterday decayed by one day plus what happened since', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = random(seed);
      const halfLifeDays = 1 + rand() * 40;
      const m = model({ halfLifeDays, interest: [downloads, views, pricing, spring], frequency: [] });
      const events = randomEvents(rand, start, days).sort((a, b) => a.at.getTime() - b.at.getTime());
      const running = m.interest.map(() => ({ points: 0, count: 0 }));
      let next = 0;
      for (let d = 0; d <= days; d++) {
        const t = start.getTime() + d * day;
        for (const r of running) r.points *= 0.5 ** (1 / halfLifeDays);
        for (; next < events.length && events[next].at.getTime() <= t; next++) {
          const e = events[next];
          m.interest.forEach((rule, i) => {
            const name = e.type === 'track' ? e.event : e.type;
            const hit = name === rule.event && (!rule.asset || rule.asset === e.asset) && (!rule.campaign || rule.campaign.toLowerCase() === e.campaign);
            if (hit && running[i].count < (rule.maxTimes ?? Infinity)) {
              running[i].count++;
              running[i].points += rule.points * 0.5 ** ((t - e.at.getTime()) / day / halfLifeDays);
            }
          });
        }
        const direct = interestScore(m, events, new Date(t));
        m.interest.forEach((rule, i) => {
          const reason = direct.reasons.find((r) => r.ruleId === rule.id);
          expect(reason?.count ?? 0, `seed ${seed} day ${d} ${rule.id}`).toBe(running[i].count);
          // only rounding to hundredths separates the two
          expect(Math.abs((reason?.points ?? 0) - running[i].points), `seed ${seed} day ${d} ${rule.id}`).toBeLessThanOrEqual(0.005 + 1e-9);
        });
      }
    }
  });

  it('frequency rules hold exactly when the window has enough events, since the start of the unbroken run', () => {
    const rule: FrequencyRule = { id: 'f', label: 'F', event: 'page', minCount: 4, withinDays: 5, points: 10 };
    const window = 5 * day;
    for (let seed = 1; seed <= 60; seed++) {
      const rand = random(seed);
      const times = randomEvents(rand, start, 60)
        .filter((e) => e.type === 'page')
        .map((e) => e.at.getTime())
        .sort((a, b) => a - b);
      const holds = (s: number) => times.filter((x) => x <= s && x > s - window).length >= rule.minCount;
      // the condition can only change where an event enters or leaves the window
      const changes = times.flatMap((x) => [x, x + window]);
      let previous = null as { since: number; points: number } | null;
      for (let d = 0; d <= 60; d++) {
        const t = start.getTime() + d * day;
        const since = heldSince(times, rule.minCount, window, t);
        expect(since !== null, `seed ${seed} day ${d}`).toBe(holds(t));
        if (since === null) {
          previous = null;
          continue;
        }
        expect(holds(since) && !holds(since - 60_000), `seed ${seed} day ${d}: run starts at ${since}`).toBe(true);
        for (const c of changes.filter((c) => c >= since && c <= t)) expect(holds(c), `seed ${seed} day ${d}: break at ${c}`).toBe(true);
        const points = interestScore(model({ halfLifeDays: 10, interest: [], frequency: [rule] }), times.map((x) => page(new Date(x))), new Date(t)).score;
        if (previous?.since === since) expect(Math.abs(points - previous.points * 0.5 ** (1 / 10))).toBeLessThanOrEqual(0.01);
        previous = { since, points };
      }
    }
  });
});
