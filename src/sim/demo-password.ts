import { createHash } from 'node:crypto';
import { scryptHash } from '../domains/auth/password.js';

/**
 * The one hash every demo user shares, in password.ts's format and with its current parameters,
 * but with a salt derived from the seed. A random salt would make two demos from one seed differ;
 * the password is public by design, so a predictable salt gives nothing away.
 */
export async function demoPasswordHash(password: string, seed: number): Promise<string> {
  return scryptHash(password, createHash('sha256').update(`revloop-demo-salt:${seed}`).digest().subarray(0, 16));
}
