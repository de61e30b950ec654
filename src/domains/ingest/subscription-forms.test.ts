import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { drainEvents } from './event-processor.js';
import { importEvents } from './import-events.js';
import { isConversion, isSubscriptionForm } from './process-events.js';

describe('subscription forms', () => {
  it('tells a newsletter or blog subscription from a conversion form', () => {
    for (const p of [{ form_name: 'Newsletter signup' }, { form_id: 'newsletter-signup' }, { form_id: 'blog-subscribe' }, { form_name: 'Subscribe to our blog' }, { form_type: 'subscription', form_name: 'Contact us' }]) {
      expect(isSubscriptionForm(p), JSON.stringify(p)).toBe(true);
    }
    for (const p of [{ form_name: 'Contact us' }, { form_id: 'unsubscribe' }, { form_name: 'Bloggers outreach' }, { form_type: 'contact', form_name: 'Newsletter and demo' }, {}]) {
      expect(isSubscriptionForm(p), JSON.stringify(p)).toBe(false);
    }
    // Only a form can be a subscription: a download is always an offer taken.
    expect(isConversion({ type: 'track', event: 'Form Submitted', properties: { form_name: 'Newsletter signup' } })).toBe(false);
    expect(isConversion({ type: 'track', event: 'Content Downloaded', properties: { form_name: 'Newsletter signup' } })).toBe(true);
    expect(isConversion({ type: 'track', event: 'Form Submitted', properties: { form_name: 'Contact us' } })).toBe(true);
  });

  describe.each(testBackends())('through the pipeline on %s', (backend) => {
    it('keeps a newsletter subscriber a Subscriber until a real conversion makes them a Lead', async () => {
      const t = await createTestDb(backend);
      try {
        const ctx: Ctx = { db: t.db, clock: fixedClock('2025-10-01T00:00:00Z'), actor: { type: 'import' } };
        const csv = [
          'event_name,event_timestamp,email,form_id,form_name',
          'form_submit,2025-09-01 10:00,ana@acme.example,newsletter-signup,Newsletter signup',
          'form_submit,2025-09-01 10:00,bo@acme.example,newsletter-signup,Newsletter signup',
          'form_submit,2025-09-03 09:00,bo@acme.example,contact-us,Contact us',
          'form_submit,2025-09-01 10:00,cy@acme.example,contact-us,Contact us',
        ].join('\n');
        expect(await importEvents(ctx, Readable.from([csv]))).toMatchObject({ stored: 4, failed: 0 });
        await drainEvents(ctx);
        const rows = await t.db.query<{ email: string; lifecycle_stage: string }>('SELECT email, lifecycle_stage FROM contacts ORDER BY email');
        expect(rows).toEqual([
          { email: 'ana@acme.example', lifecycle_stage: 'subscriber' },
          { email: 'bo@acme.example', lifecycle_stage: 'lead' },
          { email: 'cy@acme.example', lifecycle_stage: 'lead' },
        ]);
        // Bo became a Lead by the contact form, on its date.
        const [bo] = await t.db.query<{ at: Date; reason: string }>(
          `SELECT t.at, t.reason FROM stage_transitions t JOIN contacts c ON c.id = t.object_id AND t.object_type = 'contact' WHERE c.email = 'bo@acme.example' AND t.to_stage = 'lead'`);
        expect(bo).toMatchObject({ at: new Date('2025-09-03T09:00:00Z'), reason: expect.stringContaining('Contact us') });
      } finally {
        await t.cleanup();
      }
    });
  });
});
