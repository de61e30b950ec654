import { describe, expect, it } from 'vitest';
import type { ChannelResult } from './classify-channel.js';
import { channelOfHit } from './record-visit.js';

// The event pipeline classifies a slice's hits through one memo; each hit must get exactly what it
// would alone, whatever came before it. Hits that differ in one clue only, in either order.
const hits: [Record<string, unknown>, Record<string, unknown>][] = [
  [{ url: 'https://revloop.io/pricing' }, {}],
  [{ url: 'https://revloop.io/pricing' }, { page: { referrer: 'https://www.google.com/' } }],
  [{ url: 'https://revloop.io/pricing' }, { page: { referrer: 'https://www.linkedin.com/' } }],
  [{ url: 'https://revloop.io/pricing', referrer: 'https://www.bing.com/' }, { page: { referrer: 'https://www.linkedin.com/' } }],
  [{ url: 'https://revloop.io/pricing?utm_source=newsletter&utm_medium=email' }, {}],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { source: 'google', medium: 'cpc', name: 'brand' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { source: 'google', medium: 'cpc', name: 'Brand' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { source: 'google', medium: 'cpc', campaign: 'brand' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { source: 'google', medium: 'cpc' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { source: 'google' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { medium: 'google' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { gclid: 'abc' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { fbclid: 'abc' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { fbclid: 'abc', gclid: 'abc' } }],
  [{ url: 'https://revloop.io/pricing' }, { campaign: { msclkid: 'abc' } }],
  [{}, { page: { url: 'https://revloop.io/pricing', referrer: 'https://duckduckgo.com/' } }],
  [{}, { referrer: { url: 'https://news.ycombinator.com/' } }],
  [{ url: '  ' }, { page: { referrer: ' ' } }],
  [{}, {}],
];

describe('channelOfHit with a memo', () => {
  it('answers each hit what it answers without one, in any order', () => {
    const alone = hits.map(([p, c]) => channelOfHit(p, c));
    // Sanity: the hits are told apart (a memo keyed too coarsely would make some of these equal).
    expect(new Set(alone.map((r) => `${r.channel}|${r.source}|${r.medium}|${r.campaign}`)).size).toBeGreaterThan(8);
    for (const order of [hits.map((_, i) => i), hits.map((_, i) => hits.length - 1 - i)]) {
      const memo = new Map<string, ChannelResult>();
      for (const round of [1, 2]) {
        for (const i of order) expect(channelOfHit(hits[i]![0], hits[i]![1], memo), `hit ${i}, round ${round}`).toEqual(alone[i]);
      }
    }
  });
});
