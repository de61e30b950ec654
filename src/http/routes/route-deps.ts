import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';

export interface RouteDeps {
  db: Db;
  clock: Clock;
  secureCookies: boolean;
}
