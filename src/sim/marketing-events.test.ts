import { describe, expect, it } from 'vitest';
import { buildDemoWorld } from './build-demo-world.js';
import { ANONYMOUS_VISITORS_PER_CONTACT, emitMarketingEvents, marketingEvents, type SegmentEvent } from './marketing-events.js';

const world = () => buildDemoWorld({ seed: 3, contacts: 300, months: 6, now: new Date('2026-06-20T09:00:00Z') });

describe('marketing events', () => {
  const events = [...marketingEvents(world())];

  it('are the same messages, ids included, for the same seed and day', () => {
    expect([...marketingEvents(world())]).toEqual(events);
    const other = [...marketingEvents(buildDemoWorld({ seed: 4, contacts: 300, months: 6, now: new Date('2026-06-20T09:00:00Z') }))];
    expect(other[0]!.messageId).not.toBe(events[0]!.messageId);
  });

  it('follow the Segment spec: type, unique messageId, ISO timestamp before the anchor, an anonymous or user id, context', () => {
    const anchor = Date.parse('2026-06-20T00:00:00Z');
    expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
    for (const e of events) {
      expect(['identify', 'track', 'page']).toContain(e.type);
      expect(e.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(e.timestamp)).toBeLessThan(anchor);
      expect(e.anonymousId || e.userId).toBeTruthy();
      expect(e.context.library.name).toBe('revloop-demo');
      if (e.type === 'track') {
        expect(e.event).toMatch(/^([A-Z][a-z]+|[A-Z]{2,})( [A-Z][a-z]+)+$/); // Segment's "Object Action" naming (CTA Viewed too)
        expect(typeof e.properties).toBe('object');
      }
      if (e.type === 'identify') expect(e.traits.email).toMatch(/@/);
      if (e.type === 'page') {
        expect(e.properties.url).toBe(`https://www.revloop-demo.test${e.properties.path}${e.properties.search}`);
        expect(e.context.page).toEqual(e.properties);
      }
    }
  });

  it('identify a visitor once, then carry the userId, with the campaign of paid visits and every conversion kind', () => {
    const byVisitor = new Map<string, SegmentEvent[]>();
    for (const e of events) byVisitor.set(e.anonymousId, [...(byVisitor.get(e.anonymousId) ?? []), e]);
    let anonymous = 0;
    for (const list of byVisitor.values()) {
      const i = list.findIndex((e) => e.type === 'identify');
      // Most visitors never give an email: none of their events carries a userId.
      if (i < 0) {
        anonymous++;
        expect(list.every((e) => !e.userId && (e.type === 'page' || (e.type === 'track' && e.event.startsWith('CTA '))))).toBe(true);
        continue;
      }
      expect(list.filter((e) => e.type === 'identify')).toHaveLength(1);
      expect(list.slice(0, i).every((e) => !e.userId)).toBe(true);
      expect(list.slice(i).every((e) => e.userId)).toBe(true);
      const times = list.map((e) => e.timestamp);
      expect([...times].sort()).toEqual(times);
    }
    expect(anonymous).toBe(300 * ANONYMOUS_VISITORS_PER_CONTACT);
    const paid = events.find((e) => e.type === 'page' && e.context.campaign?.medium === 'cpc');
    expect(paid?.type === 'page' && paid.properties.search).toMatch(/utm_source=google&utm_medium=cpc&utm_campaign=[a-z-]+&gclid=/);
    const names = new Set(events.flatMap((e) => (e.type === 'track' ? [e.event] : [])));
    for (const n of ['Form Submitted', 'Content Downloaded', 'Webinar Registered', 'Demo Requested', 'Contact Sales Requested', 'Trade Show Badge Scanned', 'CTA Viewed', 'CTA Clicked']) expect(names).toContain(n);
  });

  it('reach a sink in batches', async () => {
    const batches: number[] = [];
    const sent = await emitMarketingEvents(world(), { emit: async (b) => void batches.push(b.length) }, { batchSize: 100 });
    expect(sent).toBe(events.length);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(Math.max(...batches)).toBe(100);
  });
});
