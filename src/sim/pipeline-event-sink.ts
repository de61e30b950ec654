import type { Db } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { systemActor } from '../domains/context.js';
import { createCampaign } from '../domains/ingest/campaigns.js';
import { EventWriter } from '../domains/ingest/event-writer.js';
import { processPendingEvents } from '../domains/ingest/process-events.js';
import { parseSegmentMessage, type SegmentEvent } from '../domains/ingest/segment-message.js';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import type { DemoWorld } from './demo-world.js';
import { offerCampaigns, type EventSink } from './marketing-events.js';
import { Random } from '../shared/random.js';

const campaignType = { whitepaper: 'whitepaper', webinar: 'webinar', online_demo: 'online_demo', trade_show: 'trade_show', contact_sales: 'contact_sales', newsletter: 'newsletter' } as const;

/** The demo's offers as campaigns (with a monthly spend), so its events join them as real ones would. */
export async function createDemoCampaigns(db: Db, world: DemoWorld): Promise<void> {
  const rng = new Random(world.seed).fork('campaigns');
  const startsOn = new Date(world.anchor - 366 * 86400_000).toISOString().slice(0, 10);
  for (const [type, o] of Object.entries(offerCampaigns)) {
    // The events programme (a booth a quarter) costs about as much a month as the paid offers.
    const spend = type === 'trade_show' ? rng.int(25, 40) * 100 : type === 'newsletter' ? 300 : rng.int(10, 40) * 100;
    await createCampaign(db, { name: o.title, type: campaignType[type as keyof typeof campaignType], utm_campaign: o.key, starts_on: startsOn, monthly_spend: spend }, systemActor);
  }
  if (!Object.values(offerCampaigns).some((o) => o.key === 'newsletter-weekly')) {
    await createCampaign(db, { name: 'Weekly newsletter', type: 'newsletter', utm_campaign: 'newsletter-weekly', starts_on: startsOn, monthly_spend: 150 }, systemActor);
  }
  // Writers and SEO for the gated resources: the content that most leads come through.
  await createCampaign(db, { name: 'Content hub', type: 'content', utm_campaign: 'content-hub', starts_on: startsOn, monthly_spend: 4500 }, systemActor);
}

/**
 * An EventSink that sends the demo's Segment messages through the real ingestion pipeline: the
 * same validation, idempotent writer and processor as POST /v1/batch. Replayed history is
 * received when it happened (no clock skew to correct).
 */
export async function pipelineEventSink(db: Db): Promise<EventSink & { writer: EventWriter; keyId: number }> {
  const { id } = await createWriteKey(db, { name: 'demo replay' });
  const writer = new EventWriter(db);
  return {
    writer,
    keyId: id,
    async emit(batch) {
      const events: SegmentEvent[] = [];
      for (const m of batch) {
        const r = parseSegmentMessage(m, { receivedAt: new Date(m.timestamp) });
        if (!r.ok) throw new Error(`demo event refused by the pipeline: ${r.reason}`);
        events.push(r.event);
      }
      await writer.write(id, events, [], new Date());
    },
  };
}

/** Runs the event processor until every stored event is processed, reporting progress. */
export async function processAllEvents(db: Db, clock: Clock, total: number, onProgress?: (done: number, total: number) => void): Promise<number> {
  let done = 0;
  const ctx = { db, clock, actor: { type: 'system' as const, id: 'demo' } };
  for (let n; (n = await processPendingEvents(ctx, 2000)) > 0; ) {
    done += n;
    onProgress?.(done, Math.max(total, done));
  }
  return done;
}
