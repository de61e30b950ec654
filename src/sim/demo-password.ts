import { createHash, scrypt as scryptCb } from 'node:crypto';
import { HASH_PARAMS } from '../domains/auth/password.js';

/**
 * The one hash every demo user shares, in password.ts's self-describing format and with its
 * current parameters (HASH_PARAMS: reading them from a fresh hash cost a second scrypt run), but
 * with a salt derived from the seed. A random salt would make two demos from one seed differ; the
 * password is public by design, so a predictable salt gives nothing away.
 */
export async function demoPasswordHash(password: string, seed: number): Promise<string> {
  const { N, r, p, keyLength } = HASH_PARAMS;
  const salt = createHash('sha256').update(`revloop-demo-salt:${seed}`).digest().subarray(0, 16);
  const key = await new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keyLength, { N, r, p, maxmem: 256 * 1024 * 1024 }, (err, k) => (err ? reject(err) : resolve(k))),
  );
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}
