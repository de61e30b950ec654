import type { Db } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import type { Role } from './auth/roles.js';

/** Who is acting: stored with every transition and change so history says who did it. */
export interface Actor {
  type: 'user' | 'api' | 'import' | 'system' | 'rule' | 'deal';
  id?: string;
  role?: Role;
  name?: string;
}

export interface Ctx {
  db: Db;
  clock: Clock;
  actor: Actor;
}

export const systemActor: Actor = { type: 'system', role: 'admin' };
