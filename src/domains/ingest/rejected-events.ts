import type { Db } from '../../db/client.js';
import { listPage, parseDate, parseText, type ListParams, type ListSpec, type Page } from '../crm/list-query.js';

export interface RejectedEvent {
  id: number;
  write_key_id: number | null;
  message_id: string | null;
  received_at: Date;
  reason: string;
  payload: unknown;
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

/** Events refused by the tracking API, newest first, with the reason each was refused. */
export function listRejectedEvents(db: Db, params: ListParams): Promise<Page<RejectedEvent>> {
  return listPage<RejectedEvent>((t, v) => db.query<RejectedEvent>(t, v), spec, params);
}
