import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (pw: string, salt: Buffer, len: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(pw, salt, len, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

// OWASP's scrypt baseline (N=2^17, r=8, p=1) costs ~128 MiB per hash; 2^15 keeps sign-in
// fast on a 2-core box while staying far above brute-force-friendly settings.
const N = 2 ** 15;
const r = 8;
const p = 1;
const KEYLEN = 32;

/** Self-describing hash: scrypt$N$r$p$salt$key (base64url), so parameters can rise later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [algo, n, rr, pp, salt, key] = stored.split('$');
  if (algo !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n), r: Number(rr), p: Number(pp), maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

export const MIN_PASSWORD_LENGTH = 10;
