import { actorCan } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { listPage, parseDate, parseText, type ListParams, type ListSpec, type Page } from '../crm/list-query.js';

export interface RejectedEvent {
  id: number;
  write_key_id: number | null;
  message_id: string | null;
  received_at: Date;
  reason: string;
  /** Only for those who may read raw payloads (events:payloads): they hold whatever the sender put in, personal data included. */
  payload?: unknown;
}

const spec: ListSpec = {
  from: 'rejected_events t',
  select: 't.id, t.write_key_id, t.message_id, t.received_at, t.reason, t.payload',
  filters: {
    after: { where: (p) => `t.received_at >= ${p}`, parse: parseDate('after') },
    before: { where: (p) => `t.received_at < ${p}`, parse: parseDate('before') },
    message_id: { where: (p) => `t.message_id = ${p}`, parse: parseText },
  },
  sorts: { received_at: { expr: 't.received_at', cast: 'timestamptz' }, id: { expr: 't.id', cast: 'bigint' } },
  defaultSort: '-id',
  search: (p) => `t.reason ILIKE ${p}`,
};

const withoutPayload: ListSpec = { ...spec, select: 't.id, t.write_key_id, t.message_id, t.received_at, t.reason' };

/** Events refused by the tracking API, newest first, with the reason each was refused (and what was sent, for those who may read it). */
export function listRejectedEvents(ctx: Ctx, params: ListParams): Promise<Page<RejectedEvent>> {
  return listPage<RejectedEvent>((t, v) => ctx.db.query<RejectedEvent>(t, v), actorCan(ctx.actor, 'events:payloads') ? spec : withoutPayload, params);
}
