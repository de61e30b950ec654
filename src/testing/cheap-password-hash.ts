import { randomBytes, scrypt } from 'node:crypto';

/**
 * A password hash in password.ts's self-describing format (scrypt$N$r$p$salt$key) at N=2^10
 * instead of 2^15: verifyPassword follows the cost a hash names, so checking it costs ~1/32 of a
 * real check. For test users whose tests are about something other than hashing work (lockout
 * counts, access rules); a test of hashing cost or equal work keeps real hashes.
 */
export function cheapPasswordHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const N = 2 ** 10;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N, r: 8, p: 1 }, (err, key) =>
      err ? reject(err) : resolve(['scrypt', N, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$')),
    ),
  );
}
