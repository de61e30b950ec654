import { userInfo } from 'node:os';
import type { Auditor } from '../domains/audit/audit-log.js';
import { systemClock } from '../shared/clock.js';

/**
 * Who acts when a CLI command changes something: the command line, named after the operating-system
 * account that ran it (the audit log's only clue to who was at the terminal).
 */
export function cliAuditor(): Auditor {
  let account: string | null = null;
  try {
    account = userInfo().username;
  } catch {
    // Some containers run as a uid without a passwd entry; the line still says it came from the CLI.
  }
  return { actor: { type: 'system', id: 'cli', name: account ? `cli:${account}` : 'cli' }, clock: systemClock };
}
