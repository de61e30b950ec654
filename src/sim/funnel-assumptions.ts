// The demo company's funnel in numbers. Per-MQL-type rates are chosen so that MQL → customer
// lands on PRODUCT.md's value-per-MQL table (contact sales 10 %, online demo 2 %, webinar 1.5 %,
// whitepaper and trade show 1 %); simulate-journeys.test.ts checks that they still do.

export const mqlTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter'] as const;
export type MqlType = (typeof mqlTypes)[number];

export const mqlTypeLabels: Record<MqlType, string> = {
  whitepaper: 'Whitepaper download',
  webinar: 'Webinar registration',
  online_demo: 'Online demo request',
  trade_show: 'Trade show visit',
  contact_sales: 'Contact sales request',
  newsletter: 'Newsletter engagement',
};

export const channels = ['Organic Search', 'Paid Search', 'Organic Social', 'Paid Social', 'Email', 'Referral', 'Direct', 'Display', 'Affiliates', 'Offline', 'Other'] as const;
export type Channel = (typeof channels)[number];

/** Share of new marketing contacts by original source. */
export const channelShares: readonly (readonly [Channel, number])[] = [
  ['Organic Search', 26], ['Paid Search', 15], ['Direct', 11], ['Organic Social', 8], ['Paid Social', 8], ['Email', 8],
  ['Referral', 7], ['Offline', 7], ['Display', 3], ['Affiliates', 2], ['Other', 5],
];

/** Which offer a contact converts on, by channel (order of mqlTypes). */
const offerMix: Record<Channel, readonly number[]> = {
  'Organic Search': [40, 15, 15, 0, 14, 16],
  'Paid Search': [25, 10, 30, 0, 25, 10],
  'Organic Social': [35, 30, 8, 0, 7, 20],
  'Paid Social': [45, 30, 12, 0, 5, 8],
  Email: [20, 40, 12, 0, 8, 20],
  Referral: [20, 15, 25, 0, 30, 10],
  Direct: [15, 10, 25, 0, 35, 15],
  Display: [50, 25, 10, 0, 5, 10],
  Affiliates: [45, 20, 15, 0, 10, 10],
  Offline: [0, 5, 5, 85, 5, 0],
  Other: [30, 20, 15, 5, 10, 20],
};

const offerTables = new Map(channels.map((ch) => [ch, mqlTypes.map((t, i) => [t, offerMix[ch][i]!] as const)]));

export function offerWeights(channel: Channel): readonly (readonly [MqlType, number])[] {
  return offerTables.get(channel)!;
}

export interface OfferFunnel {
  /** Chance that one call or email attempt reaches the person. */
  connectPerAttempt: number;
  sqlIfConnected: number;
  oppIfSql: number;
  /** Share of these MQLs created in the same visit as the contact (hand-raisers). */
  immediate: number;
}

export const offerFunnel: Record<MqlType, OfferFunnel> = {
  contact_sales: { connectPerAttempt: 0.38, sqlIfConnected: 0.86, oppIfSql: 0.5, immediate: 0.85 },
  online_demo: { connectPerAttempt: 0.3, sqlIfConnected: 0.8, oppIfSql: 0.11, immediate: 0.8 },
  webinar: { connectPerAttempt: 0.19, sqlIfConnected: 0.74, oppIfSql: 0.085, immediate: 0.3 },
  whitepaper: { connectPerAttempt: 0.16, sqlIfConnected: 0.7, oppIfSql: 0.105, immediate: 0.3 },
  trade_show: { connectPerAttempt: 0.22, sqlIfConnected: 0.72, oppIfSql: 0.042, immediate: 0.9 },
  newsletter: { connectPerAttempt: 0.12, sqlIfConnected: 0.6, oppIfSql: 0.035, immediate: 0.1 },
};

/** Chance of becoming an MQL at all, for contacts who start as lead / subscriber. */
export const mqlChance = { lead: 0.29, subscriber: 0.16 };

/** Fit by role in the buying decision: multiplies the MQL chance and the chance of an opportunity. */
export const roleFit = {
  buyer: { mql: 1.3, opp: 1.45 },
  influencer: { mql: 1.05, opp: 1.0 },
  end_user: { mql: 0.8, opp: 0.55 },
  other: { mql: 0.45, opp: 0.08 },
} as const;

export const segmentDeals = {
  small: { min: 3_000, median: 8_000, max: 20_000, cycleDays: 32, win: 0.38, plan: 'Starter' },
  mid_market: { min: 20_000, median: 38_000, max: 80_000, cycleDays: 68, win: 0.32, plan: 'Growth' },
  enterprise: { min: 80_000, median: 135_000, max: 250_000, cycleDays: 140, win: 0.26, plan: 'Enterprise' },
} as const;

export const lostReasons: readonly (readonly [string, number])[] = [
  // Codes of the default lost reasons list (migration 0026): the demo writes deals as stored.
  ['price', 25], ['competitor', 22], ['no_decision', 20], ['timing', 13], ['no_budget', 12], ['missing_feature', 8],
];

/** Where along the pipeline lost deals drop out (open stages in order). */
export const lostAtStage: readonly number[] = [35, 30, 20, 15];

/** Sales-sourced prospects: SDR outbound to target accounts, no MQL (lead → SQL directly). */
export const prospecting = { share: 0.07, connectPerAttempt: 0.09, sqlIfConnected: 0.42, oppIfSql: 0.4 };

export const shares = {
  subscriber: 0.3,
  freeMail: 0.11,
  movedToOther: 0.015,
  subscriberBecomesLead: 0.3,
  /** MQLs nobody ever works (SLA breaches for the dashboards). */
  neverWorked: 0.03,
  evangelist: 0.3,
  recycleAfterLoss: 0.65,
  recycleStalledSql: 0.65,
  reMql: 0.12,
  negotiationDiscount: 0.35,
  /** Only good fits become MQLs on content and open opportunities: they do so more often than the average contact. */
  goodFitMqlLift: 1.6,
  goodFitOppLift: 2,
};
