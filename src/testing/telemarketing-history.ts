// A seeded, telemarketing-shaped lead history for the optimal-attempts tests (issue 12): the shape
// of a real campaign of 45,211 leads, where the close rate of leads grouped by attempts made falls
// with each attempt (14.6 % at 1 … 5.9 % at 8) while 98 % of the conversions are reached within 8
// attempts. Each lead gets attempts one at a time until it converts or its rep gives up; a rep
// gives up after m attempts, m drawn from a distribution derived below so that the group rates come
// out as the real ones. The per-attempt chance of converting (the hazard) falls slowly up to
// attempt 8 and is tiny after it, so every attempt up to 8 pays at a value-to-cost ratio of 100 and
// none after it: the answer is 8, though comparing groups says 1.
import type { Db } from '../db/client.js';
import { insertRows } from '../db/bulk-insert.js';
import { Random } from '../shared/random.js';

/** Close rate of the leads that got exactly k attempts (k = 1..8), as in the real campaign. */
export const TELEMARKETING_GROUP_RATES = [0.146, 0.112, 0.112, 0.09, 0.079, 0.071, 0.064, 0.059] as const;
/** Chance that a lead still unconverted converts after attempt k (k = 1..8). */
export const TELEMARKETING_HAZARDS = [0.036, 0.034, 0.033, 0.031, 0.029, 0.028, 0.026, 0.025] as const;
/** The hazard of every attempt after the 8th. */
export const TELEMARKETING_TAIL_HAZARD = 0.0025;
/** The few persistent reps go on to 9 … this many attempts (evenly). */
export const TELEMARKETING_MAX_ATTEMPTS = 14;

export interface GeneratedLead {
  /** Attempts made: until the conversion, or all of them when it never converted. */
  attempts: number;
  converted: boolean;
}

/**
 * P(rep gives up after exactly k attempts), k = 1..max. For k ≤ 8 it follows from the group rate
 * r and hazard h: among leads still called at k, the share converting at k is h and the share
 * stopping there unconverted is (1 − h) × s, where s = the stopping share of the reps; the group
 * rate r = h / (h + (1 − h) s) gives s = h (1 − r) / (r (1 − h)). What is left goes to 9..max.
 */
export function persistence(): number[] {
  const out: number[] = [];
  let stillCalling = 1;
  for (let k = 0; k < TELEMARKETING_HAZARDS.length; k++) {
    const h = TELEMARKETING_HAZARDS[k]!;
    const r = TELEMARKETING_GROUP_RATES[k]!;
    const stop = stillCalling * ((h * (1 - r)) / (r * (1 - h)));
    out.push(stop);
    stillCalling -= stop;
  }
  const tail = TELEMARKETING_MAX_ATTEMPTS - TELEMARKETING_HAZARDS.length;
  for (let k = 0; k < tail; k++) out.push(stillCalling / tail);
  return out;
}

/** `count` leads from `seed`: the same seed gives the same history. */
export function telemarketingLeads(seed: number | string, count: number): GeneratedLead[] {
  const rng = new Random(seed);
  const giveUp = persistence();
  const cumulative = giveUp.map((_, i) => giveUp.slice(0, i + 1).reduce((s, p) => s + p, 0));
  const leads: GeneratedLead[] = [];
  for (let i = 0; i < count; i++) {
    const u = rng.next();
    const m = cumulative.findIndex((c) => u < c) + 1 || giveUp.length;
    let lead: GeneratedLead = { attempts: m, converted: false };
    for (let k = 1; k <= m; k++) {
      const h = TELEMARKETING_HAZARDS[k - 1] ?? TELEMARKETING_TAIL_HAZARD;
      if (rng.next() < h) {
        lead = { attempts: k, converted: true };
        break;
      }
    }
    leads.push(lead);
  }
  return leads;
}

// ---------- the same history as CRM records ----------

/** One lead as an import would leave it: its MQL moment, its calls and other activities, its won deal. */
export interface HistoryLead {
  email: string;
  mqlAt: Date;
  mqlType: string | null;
  companyId: number | null;
  /** Outbound calls, in order: the attempts. */
  calls: { at: Date; userId: number | null; outcome: string }[];
  /** Activities that are not attempts: inbound calls, meetings, calls after the win. */
  other: { type: 'call' | 'meeting'; direction: 'inbound' | 'outbound'; at: Date; userId: number | null }[];
  won: { at: Date; amount: number } | null;
  /** What the generator decided: attempts until the conversion (or all), and whether it converted. */
  attempts: number;
  converted: boolean;
}

export interface HistoryOptions {
  /** MQL moments are spread evenly at random over [mqlFrom, mqlTo). */
  mqlFrom: Date;
  mqlTo: Date;
  reps: readonly number[];
  companies: readonly (number | null)[];
  /** Won deals' amounts, taken in turn. */
  amounts: readonly number[];
  /** Prefix of the generated emails (distinct per batch). */
  prefix: string;
}

const DAY = 86400_000;

/**
 * `leads` (from telemarketingLeads, or made by hand) as CRM history: the first call 3 hours after
 * the MQL moment, then one every 2 days; a converting lead's last call connects and its deal closes
 * a day later (every 7th converter 40 days later, without another attempt); every 3rd converter
 * gets an account call 5 days after the win and every 5th lead an inbound call the day after its
 * MQL moment (neither is an attempt); every 20th lead has no MQL type.
 */
export function historyOf(seed: number | string, leads: readonly GeneratedLead[], o: HistoryOptions): HistoryLead[] {
  const rng = new Random(seed);
  const span = o.mqlTo.getTime() - o.mqlFrom.getTime();
  let converters = 0;
  return leads.map((g, i) => {
    const mqlAt = new Date(o.mqlFrom.getTime() + Math.floor((rng.next() * span) / 60_000) * 60_000);
    const calls = Array.from({ length: g.attempts }, (_, k) => ({
      at: new Date(mqlAt.getTime() + 3 * 3600_000 + k * 2 * DAY),
      userId: o.reps[(i + k) % o.reps.length]!,
      outcome: g.converted && k === g.attempts - 1 ? 'connected' : 'no_answer',
    }));
    const other: HistoryLead['other'] = [];
    if (i % 5 === 0) other.push({ type: 'call', direction: 'inbound', at: new Date(mqlAt.getTime() + DAY), userId: null });
    let won: HistoryLead['won'] = null;
    if (g.converted) {
      const last = calls.length ? calls[calls.length - 1]!.at.getTime() : mqlAt.getTime();
      const lag = converters % 7 === 6 ? 40 : 1;
      won = { at: new Date(last + lag * DAY), amount: o.amounts[converters % o.amounts.length]! };
      if (converters % 3 === 0) other.push({ type: 'call', direction: 'outbound', at: new Date(won.at.getTime() + 5 * DAY), userId: o.reps[0]! });
      converters++;
    }
    return {
      email: `${o.prefix}${i}@${o.prefix}${i}-co.example`,
      mqlAt,
      mqlType: i % 20 === 19 ? null : 'telemarketing',
      companyId: o.companies[i % o.companies.length] ?? null,
      calls,
      other,
      won,
      attempts: g.attempts,
      converted: g.converted,
    };
  });
}

/**
 * Writes the history as an import leaves it: contacts with their MQL (and, when won, customer)
 * moments as stage transitions of kind 'import', the calls and other activities, the won deals.
 * In bulk (a few statements per thousand leads), so thousands of leads take seconds.
 */
export async function writeHistory(db: Db, leads: readonly HistoryLead[]): Promise<number[]> {
  const [pipeline] = await db.query<{ id: number }>('SELECT id FROM pipelines WHERE is_default');
  const ids: number[] = [];
  for (let start = 0; start < leads.length; start += 1000) {
    const batch = leads.slice(start, start + 1000);
    const rows = await insertRows<{ id: number }>(
      db, 'contacts',
      [['email', 'text'], ['email_normalized', 'text'], ['lifecycle_stage', 'text'], ['mql_type', 'text'], ['company_id', 'bigint'], ['created_at', 'timestamptz']],
      batch.map((l) => [l.email, l.email, l.won ? 'customer' : 'mql', l.mqlType, l.companyId, new Date(l.mqlAt.getTime() - 7 * DAY)]),
      { suffix: 'RETURNING id' },
    );
    const batchIds = rows.map((r) => Number(r.id));
    ids.push(...batchIds);
    const moves: unknown[][] = [];
    const acts: unknown[][] = [];
    const deals: unknown[][] = [];
    batch.forEach((l, j) => {
      const id = batchIds[j]!;
      moves.push(['contact', id, null, 'lead', 'import', new Date(l.mqlAt.getTime() - 7 * DAY), 'import']);
      moves.push(['contact', id, 'lead', 'mql', 'import', l.mqlAt, 'import']);
      for (const c of l.calls) acts.push(['call', 'outbound', c.outcome, id, c.userId, c.at]);
      for (const a of l.other) acts.push([a.type, a.direction, null, id, a.userId, a.at]);
      if (l.won) {
        moves.push(['contact', id, 'mql', 'customer', 'import', l.won.at, 'import']);
        deals.push([`Deal ${l.email}`, pipeline!.id, 'closed_won', l.won.amount, id, l.companyId, l.won.at, new Date(l.won.at.getTime() - 10 * DAY)]);
      }
    });
    await insertRows(db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']], moves);
    await insertRows(db, 'activities', [['type', 'text'], ['direction', 'text'], ['outcome', 'text'], ['contact_id', 'bigint'], ['user_id', 'bigint'], ['occurred_at', 'timestamptz']], acts);
    await insertRows(db, 'deals', [['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['contact_id', 'bigint'], ['company_id', 'bigint'], ['closed_at', 'timestamptz'], ['created_at', 'timestamptz']], deals);
  }
  return ids;
}
