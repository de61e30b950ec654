import { roundPoints, sumPoints } from './score-points.js';
import type { FrequencyRule, InterestRule, ScoringModel } from './score-rules.js';

/** One tracked call of a contact, as the event store has it. */
export interface ScoredEvent {
  /** Segment call type: 'track', 'page', 'screen'... */
  type: string;
  /** Track event name; null for page and screen calls. */
  event: string | null;
  at: Date;
  /** Asset key (page path, form_id, content_id...) from recognise-asset. */
  asset?: string | null;
  /** utm_campaign the call carried. */
  campaign?: string | null;
}

export interface InterestReason {
  ruleId: string;
  label: string;
  kind: 'event' | 'frequency';
  /** Events counted: after the repeat limit for event rules, inside the window for frequency rules. */
  count: number;
  /** Points at the scoring time, after decay. */
  points: number;
  /** Frequency rules: since when the condition has held; their points decay from this moment. */
  since?: Date;
}

export interface InterestScore {
  score: number;
  reasons: InterestReason[];
}

type Model = Pick<ScoringModel, 'interest' | 'frequency' | 'halfLifeDays'>;

const dayMs = 86_400_000;

/**
 * The interest score as it stood at `at`: events after `at` are ignored, every counted event is
 * worth its points halved once per half-life since it happened, so the score at any past moment
 * is a plain function of the events (what a chart of the score over time needs) rather than
 * something only "now" knows. Days are 24-hour days, so daylight-saving changes do not matter.
 *
 * Every rule that matches an event scores it: "any page view" and "the pricing page" both count
 * a visit to /pricing, which is how the most specific rules add to the general ones.
 */
export function interestScore(model: Model, events: readonly ScoredEvent[], at: Date): InterestScore {
  const t = at.getTime();
  // Sorted by time (stable for equal times) so the repeat limit keeps the earliest occurrences,
  // which later events can never displace: the score at t stays the same whenever it is computed.
  const past = events.filter((e) => e.at.getTime() <= t).sort((a, b) => a.at.getTime() - b.at.getTime());
  return interestFromTimes(model, {
    interest: model.interest.map((rule) => past.filter((e) => matches(rule, e)).slice(0, rule.maxTimes ?? Infinity).map((e) => e.at.getTime())),
    frequency: model.frequency.map((rule) => past.filter((e) => matches(rule, e)).map((e) => e.at.getTime())),
  }, at);
}

/**
 * Each rule's matching actions up to the scoring time, as epoch milliseconds in time order, by the
 * rule's place in its list: an interest rule's counted ones (the first maxTimes), a frequency rule's
 * all. interestScore matches in JavaScript; a rescore has the database match (interest-matches.ts)
 * and sends only these times, so both add the points up here, the same way.
 */
export interface RuleTimes {
  interest: readonly (readonly number[] | undefined)[];
  frequency: readonly (readonly number[] | undefined)[];
}

/** The interest score at `at` from each rule's matching action times (RuleTimes). */
export function interestFromTimes(model: Model, times: RuleTimes, at: Date): InterestScore {
  const t = at.getTime();
  const worth = decayAt(model.halfLifeDays, t);
  const reasons: InterestReason[] = [];
  model.interest.forEach((rule, i) => {
    const counted = times.interest[i];
    if (!counted?.length) return;
    const points = counted.reduce((sum, when) => sum + rule.points * worth(when), 0);
    reasons.push({ ruleId: rule.id, label: rule.label, kind: 'event', count: counted.length, points: roundPoints(points) });
  });
  model.frequency.forEach((rule, i) => {
    const matched = times.frequency[i] ?? [];
    const window = rule.withinDays === null ? Infinity : rule.withinDays * dayMs;
    const since = heldSince(matched, rule.minCount, window, t);
    if (since === null) return;
    const count = matched.filter((x) => x > t - window).length;
    reasons.push({ ruleId: rule.id, label: rule.label, kind: 'frequency', count, points: roundPoints(rule.points * worth(since)), since: new Date(since) });
  });
  return { score: sumPoints(reasons), reasons };
}

/** The share of its points an event at `when` keeps at `t`: 0.5 per half-life, 1 without decay. */
export function decayAt(halfLifeDays: number | null, t: number): (when: number) => number {
  if (halfLifeDays === null) return () => 1;
  const halfLifeMs = halfLifeDays * dayMs;
  return (when) => 0.5 ** ((t - when) / halfLifeMs);
}

/** The name a rule uses for a call: its track event name, or 'page' / 'screen'. */
export const eventNameOf = (e: ScoredEvent): string | null => (e.type === 'track' ? e.event : e.type);

// utm values are typed by people on links ("Spring-Launch" vs "spring-launch"), asset keys are
// already normalised by ingestion, so only the campaign ignores case.
function matches(rule: InterestRule | FrequencyRule, e: ScoredEvent): boolean {
  if (eventNameOf(e) !== rule.event) return false;
  if (rule.asset !== undefined && e.asset !== rule.asset) return false;
  return rule.campaign === undefined || (e.campaign ?? '').trim().toLowerCase() === rule.campaign.toLowerCase();
}

/**
 * Since when "at least minCount events within the last `window` ms" has held without a break at
 * t, or null if it does not hold at t. The window is (t - window, t]: an event exactly
 * `window` ago has left it.
 *
 * The condition holds from each event x[j] that completes minCount events (x[j] - x[j-minCount+1]
 * < window) until the oldest of those leaves the window (x[j-minCount+1] + window). The answer is
 * the start of the run of overlapping intervals that contains t.
 *
 * A frequency rule's points decay from this moment, not from its latest event: the latest event
 * is already scored fresh by the event rules, and a bonus that jumped back to full on every new
 * event would reward the same recency twice. A rule that stops holding (the window slid past)
 * scores nothing; when it holds again, a new run starts at full points.
 */
export function heldSince(times: readonly number[], minCount: number, window: number, t: number): number | null {
  let start: number | null = null;
  let end = -Infinity;
  for (let j = minCount - 1; j < times.length && times[j] <= t; j++) {
    const oldest = times[j - minCount + 1];
    if (times[j] - oldest >= window) continue;
    // Touching intervals ([a, b) then [b, c)) leave no moment without the condition: one run.
    if (start === null || times[j] > end) start = times[j];
    end = Math.max(end, oldest + window);
  }
  return start !== null && t < end ? start : null;
}
