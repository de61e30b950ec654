import { z } from 'zod';
import type { Db } from '../../db/client.js';

export const onboardingSteps = ['goal', 'users', 'tracker', 'contacts', 'mql_definition'] as const;
export type OnboardingStep = (typeof onboardingSteps)[number];

export interface Onboarding {
  steps: { step: OnboardingStep; done: boolean }[];
  done: number;
  total: number;
}

export const onboardingOut = z.object({
  steps: z.array(z.object({ step: z.enum(onboardingSteps), done: z.boolean() })),
  done: z.number(),
  total: z.number(),
});

/**
 * What a new installation still lacks before its reports mean anything, read from the data itself
 * (nothing to tick by hand, so it cannot claim a step that was undone): a revenue goal, a second
 * person, a website write key that has received an event, any contact, and an MQL definition saved
 * over the built-in one. Each is an EXISTS, cheap on a large database.
 */
export async function onboardingStatus(db: Db): Promise<Onboarding> {
  const [row] = await db.query<Record<OnboardingStep, boolean>>(
    `SELECT EXISTS (SELECT 1 FROM revenue_goals) AS goal,
            (SELECT count(*) FROM (SELECT 1 FROM users LIMIT 2) u) > 1 AS users,
            -- The internal key carries Revloop's own email opens and clicks: not the website's tracker.
            EXISTS (SELECT 1 FROM events e JOIN write_keys k ON k.id = e.write_key_id WHERE k.key_hash <> '!internal' LIMIT 1) AS tracker,
            EXISTS (SELECT 1 FROM contacts) AS contacts,
            EXISTS (SELECT 1 FROM mql_definitions WHERE version > 0) AS mql_definition`,
  );
  const steps = onboardingSteps.map((step) => ({ step, done: Boolean(row![step]) }));
  return { steps, done: steps.filter((s) => s.done).length, total: steps.length };
}
