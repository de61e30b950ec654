import { z } from 'zod';

/** An SQL handed to an account executive and waiting for its first meeting (AeQueueItem), as the API answers it. */
export const aeQueueItemOut = z.object({
  handoff_id: z.number(),
  contact_id: z.number(),
  /** Full name, else email. */
  name: z.string().nullable(),
  email: z.string().nullable(),
  company_name: z.string().nullable(),
  ae_id: z.number().nullable(),
  ae_name: z.string().nullable(),
  sdr_id: z.number().nullable(),
  sdr_name: z.string().nullable(),
  handed_at: z.date(),
  handed_by: z.string(),
  meeting_risk_at: z.date(),
  meeting_due: z.date(),
  lifecycle_stage: z.string(),
  status: z.enum(['on_time', 'at_risk', 'breached']),
});
