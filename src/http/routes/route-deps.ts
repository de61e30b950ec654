import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import type { Mailer } from '../../domains/alerts/deliver.js';

export interface RouteDeps {
  db: Db;
  /**
   * Where reports, exports, packs and dashboards read (DATABASE_READ_URL, else `db`). A request
   * that writes reads on `db` throughout: a replica may not have its write yet (docs/scaling.md).
   */
  readDb: Db;
  clock: Clock;
  secureCookies: boolean;
  /** Sends the rituals' emails; null: they stay in the outbox. */
  mailer: Mailer | null;
  /** Where the app is reached, for links in emails and PDFs (no trailing slash). */
  publicUrl: string;
  /** Signs tracking links (REVLOOP_SECRET or the one kept in the database). */
  secret: string;
}
