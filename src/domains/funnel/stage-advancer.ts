import { insertRows, updateRows, type BulkColumn } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import type { Actor } from '../context.js';
import { furthest, isForward, rank, type Stage } from './stages.js';
import type { FunnelObject, TransitionKind } from './transitions.js';

/**
 * Whether an import naming stage `to` for a record at `from` moves it: forward, or into or out of
 * 'other'. Never backward: only a recycle or a rejection moves the funnel back.
 */
export function importMoves(from: Stage, to: Stage | null | undefined): to is Stage {
  return !!to && to !== from && (to === 'other' || from === 'other' || isForward(from, to));
}

interface State {
  stage: Stage;
  companyId: number | null;
  changed: boolean;
}

const transitionColumns: BulkColumn[] = [
  ['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'],
  ['at', 'timestamptz'], ['actor_type', 'text'], ['actor_id', 'text'], ['reason', 'text'],
];

/**
 * The funnel moves of transitions.ts (advanceTo, setStage with its company roll-up) for many
 * records at once: stages are read once per batch, moved in memory in row order (so the
 * outcome is what one call per row would give) and written with one UPDATE per table and one
 * INSERT of transitions. Bulk imports use it; single-record code keeps using transitions.ts.
 */
export class StageAdvancer {
  private states = new Map<string, State>();
  private transitions: unknown[][] = [];

  constructor(private readonly clock: Clock) {}

  /** Records created in this batch: their stage is known without asking the database. */
  know(type: FunnelObject, id: number, stage: Stage, companyId: number | null = null): void {
    this.states.set(`${type}:${id}`, { stage, companyId, changed: false });
  }

  /** Reads (and locks, as currentStage does) the records not yet known. */
  async load(db: Db, type: FunnelObject, ids: Iterable<number | null | undefined>): Promise<void> {
    const wanted = [...new Set([...ids].filter((id): id is number => !!id && !this.states.has(`${type}:${id}`)))];
    if (!wanted.length) return;
    const rows = await db.query<{ id: number; lifecycle_stage: Stage; company_id: number | null }>(
      type === 'contact'
        ? 'SELECT id, lifecycle_stage, company_id FROM contacts WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE'
        : 'SELECT id, lifecycle_stage, NULL::bigint AS company_id FROM companies WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE',
      [wanted],
    );
    for (const r of rows) this.know(type, Number(r.id), r.lifecycle_stage, r.company_id === null ? null : Number(r.company_id));
  }

  stageOf(type: FunnelObject, id: number): Stage | undefined {
    return this.states.get(`${type}:${id}`)?.stage;
  }

  /** A transition row without a stage change (the history written when a record is created). */
  record(t: { type: FunnelObject; id: number; from: Stage | null; to: Stage; kind: TransitionKind; at: Date; actor: Actor; reason?: string | null }): void {
    this.transitions.push([t.type, t.id, t.from, t.to, t.kind, t.at, t.actor.type, t.actor.id ?? null, t.reason ?? null]);
  }

  /**
   * The history of a record created by an import, as createContact writes it: one 'import'
   * transition per dated stage in date order, then the current stage (the one given, else the
   * furthest dated one, else `fallback`) no earlier than the last date. Returns the stage and
   * when the record reached it.
   */
  recordCreation(
    type: FunnelObject,
    id: number,
    given: Stage | undefined,
    fallback: Stage,
    dated: readonly { stage: Stage; at: Date }[] | undefined,
    at: Date,
    actor: Actor,
  ): { stage: Stage; reached: Date } {
    const history = [...(dated ?? [])].sort((a, b) => a.at.getTime() - b.at.getTime());
    const stage = given ?? furthest(history.map((h) => h.stage)) ?? fallback;
    let from: Stage | null = null;
    for (const h of history) {
      this.record({ type, id, from, to: h.stage, kind: 'import', at: h.at, actor });
      from = h.stage;
    }
    const last = history[history.length - 1]?.at;
    const reached = from === stage ? last! : last && last > at ? last : at;
    if (from !== stage) this.record({ type, id, from, to: stage, kind: 'import', at: reached, actor });
    return { stage, reached };
  }

  /** An import's move of an existing record (see importMoves), at the stage's dated column when there is one. */
  importMove(type: FunnelObject, id: number, to: Stage, dated: readonly { stage: Stage; at: Date }[] | undefined, now: Date, actor: Actor): void {
    this.move(type, id, to, 'import', null, dated?.find((h) => h.stage === to)?.at ?? now, actor);
  }

  /** As setStage: move, record, and let the company follow a contact forward. */
  move(type: FunnelObject, id: number, to: Stage, kind: TransitionKind, reason: string | null, at: Date, actor: Actor): void {
    const s = this.state(type, id);
    const from = s.stage;
    s.stage = to;
    s.changed = true;
    this.record({ type, id, from, to, kind, at, actor, reason });
    if (type === 'contact' && rank(to) >= 0 && s.companyId) this.advanceTo('company', s.companyId, to, reason ?? `contact ${id} became ${to}`, at, actor);
  }

  /** As advanceTo: forward only, never back; 'other' may move anywhere. */
  advanceTo(type: FunnelObject, id: number, to: Stage, reason: string, at: Date, actor: Actor): boolean {
    const from = this.state(type, id).stage;
    if (from === to || (from !== 'other' && !isForward(from, to))) return false;
    this.move(type, id, to, 'forward', reason, at, actor);
    return true;
  }

  /** Writes the moved stages and every recorded transition, then forgets the batch. */
  async flush(db: Db): Promise<void> {
    const now = this.clock.now();
    for (const type of ['contact', 'company'] as const) {
      const changed = [...this.states].filter(([k, s]) => s.changed && k.startsWith(`${type}:`));
      await updateRows(db, type === 'contact' ? 'contacts' : 'companies', [['id', 'bigint'], ['lifecycle_stage', 'text']], changed.map(([k, s]) => [Number(k.split(':')[1]), s.stage]), now);
    }
    await insertRows(db, 'stage_transitions', transitionColumns, this.transitions);
    this.states.clear();
    this.transitions = [];
  }

  private state(type: FunnelObject, id: number): State {
    const s = this.states.get(`${type}:${id}`);
    if (!s) throw new Error(`StageAdvancer: ${type} ${id} was not loaded`);
    return s;
  }
}
