import type { Db } from '../db/client.js';
import { defaultScoringModel } from '../domains/scoring/default-scoring.js';
import type { MqlDefinitionInput } from '../domains/scoring/mql-definition.js';
import { saveMqlDefinition } from '../domains/scoring/scoring-settings.js';
import { fixedClock } from '../shared/clock.js';
import { offerCampaigns } from './marketing-events.js';
import type { MqlType } from './funnel-assumptions.js';

const goodFit = { kind: 'score', score: 'fit', op: 'gte', value: defaultScoringModel.thresholds.fit } as const;
/** Students score −30 on fit: a hand-raiser with a negative fit is a student, not a buyer. */
const notStudent = { kind: 'score', score: 'fit', op: 'gte', value: 0 } as const;

/**
 * The demo company's MQL definition, one typed clause per offer, so every MQL is valued by its
 * type and the simulated MQLs meet it at the moment they were handed over (simulate-journeys.ts
 * makes MQLs by the same rule): hand-raisers unless students, every other offer with a good fit.
 */
export const demoMqlDefinition: MqlDefinitionInput & { clauses: { id: string; mqlType: MqlType }[] } = {
  clauses: [
    { id: 'contact-sales', label: 'Asked to talk to sales', mqlType: 'contact_sales', conditions: [{ kind: 'behaviour', event: 'Contact Sales Requested', withinDays: 30 }, notStudent] },
    { id: 'demo', label: 'Requested a demo', mqlType: 'online_demo', conditions: [{ kind: 'behaviour', event: 'Demo Requested', withinDays: 30 }, notStudent] },
    { id: 'webinar', label: 'Registered for a webinar, good fit', mqlType: 'webinar', conditions: [{ kind: 'behaviour', event: 'Webinar Registered', withinDays: 30 }, goodFit] },
    {
      id: 'whitepaper', label: 'Downloaded the whitepaper, good fit', mqlType: 'whitepaper',
      conditions: [{ kind: 'behaviour', event: 'Content Downloaded', asset: offerCampaigns.whitepaper.title, withinDays: 30 }, goodFit],
    },
    { id: 'trade-show', label: 'Met us at a trade show, good fit', mqlType: 'trade_show', conditions: [{ kind: 'behaviour', event: 'Trade Show Badge Scanned', withinDays: 30 }, goodFit] },
    { id: 'newsletter', label: 'Clicked through the newsletter, good fit', mqlType: 'newsletter', conditions: [{ kind: 'behaviour', event: 'Email Link Clicked', withinDays: 30 }, goodFit] },
  ],
};

/**
 * Saves the definition as in force since the history's first day, and records on every MQL the
 * clause that made it one (the one of its type), as the scoring pipeline does for live MQLs.
 */
export async function saveDemoMqlDefinition(db: Db, since: Date): Promise<number> {
  const saved = await saveMqlDefinition({ db, clock: fixedClock(since), actor: { type: 'rule', id: 'demo' } }, demoMqlDefinition);
  const clauseOf = Object.fromEntries(demoMqlDefinition.clauses.map((c) => [c.mqlType, c.id]));
  await db.query(
    `UPDATE contacts SET mql_definition_version = $1, mql_clause = ($2::jsonb)->>mql_type WHERE mql_type IS NOT NULL`,
    [saved.version, JSON.stringify(clauseOf)],
  );
  return saved.version;
}
