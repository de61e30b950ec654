import { z } from 'zod';
import { slaStatuses } from './sla-dashboard.js';

/** An open lead with its SLA clocks, as the API answers it (OpenLead, openLeadsSql's rows). */
export const openLeadOut = z.object({
  assignment_id: z.number(),
  contact_id: z.number(),
  /** Full name, else email: null for a contact known by other ids only. */
  name: z.string().nullable(),
  email: z.string().nullable(),
  company_name: z.string().nullable(),
  owner_id: z.number().nullable(),
  owner_name: z.string().nullable(),
  team: z.string().nullable(),
  mql_type: z.string().nullable(),
  segment: z.string().nullable(),
  policy_id: z.string(),
  assigned_at: z.date(),
  assigned_by: z.string(),
  first_touch_due: z.date(),
  first_touch_at: z.date().nullable(),
  attempts_required: z.number(),
  attempts: z.number(),
  attempts_due: z.date(),
  connected_at: z.date().nullable(),
  last_attempt_at: z.date().nullable(),
  lead_status: z.string().nullable(),
  first_touch_status: z.enum(slaStatuses),
  attempts_status: z.enum(slaStatuses),
  status: z.enum(['on_time', 'at_risk', 'breached']),
  next_due: z.date(),
});
