import { randomBytes } from 'node:crypto';
import { HASH_PARAMS, scryptHash } from '../domains/auth/password.js';

/**
 * A password hash in password.ts's self-describing format at N=2^10 instead of 2^15:
 * verifyPassword follows the cost a hash names, so checking it costs ~1/32 of a real check. For
 * test users whose tests are about something other than hashing work (lockout counts, access
 * rules); a test of hashing cost or equal work keeps real hashes.
 */
export function cheapPasswordHash(password: string): Promise<string> {
  return scryptHash(password, randomBytes(16), { ...HASH_PARAMS, N: 2 ** 10 });
}
