/**
 * The eleven channels of PRODUCT.md §1, in report order. Every visit and every contact's original
 * and latest source lands in exactly one of them.
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
] as const;

export type Channel = (typeof channelNames)[number];
