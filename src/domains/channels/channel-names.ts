/**
 * The eleven channels of PRODUCT.md §1 plus Unknown, in report order. Every visit and every
 * contact's original and latest source lands in exactly one of them. Unknown is never what the web
 * rules answer: it is a declared source that says nobody knows ("unknown", "n/a", a blank cell) or
 * a touch nothing is known about, kept apart so it does not vanish into Offline or Other
 * (docs/channels.md).
 */
export const channelNames = [
  'Organic Search',
  'Paid Search',
  'Organic Social',
  'Paid Social',
  'Email',
  'Referral',
  'Direct',
  'Display',
  'Affiliates',
  'Offline',
  'Other',
  'Unknown',
] as const;

export type Channel = (typeof channelNames)[number];
