import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { Semaphore } from '../../shared/semaphore.js';

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
/** The parameters new hashes get. */
export const HASH_PARAMS = { N, r, p, keyLength: KEYLEN } as const;

/**
 * scrypt runs on libuv's threadpool (4 threads) and each hash takes ~32 MiB and tens of
 * milliseconds of a core. Unbounded, 40 concurrent sign-ins fill the pool and both cores, and
 * everything else that needs either (file reads, DNS, other requests) waits seconds behind them.
 * Two at a time leaves threads and a core free; the rest queue here, in order.
 */
export const MAX_CONCURRENT_HASHES = 2;
/**
 * Sign-ins (and password changes) under way at once, hashing or waiting to; one more is refused
 * with 429 and Retry-After: 1 rather than queued, so someone signing in during a flood waits at
 * most this many hashes (well under a second), and the flood gets told to back off.
 */
export const MAX_PASSWORD_CHECKS_UNDER_WAY = 16;
const hashSlots = new Semaphore(MAX_CONCURRENT_HASHES);
let checksUnderWay = 0;

/** Runs `check` (which verifies a password) if fewer than MAX_PASSWORD_CHECKS_UNDER_WAY are under way; else 429. */
export async function admitPasswordCheck<T>(check: () => Promise<T>): Promise<T> {
  // Counted before the first await, so a burst arriving all at once is bounded too.
  if (checksUnderWay >= MAX_PASSWORD_CHECKS_UNDER_WAY) {
    throw new AppError('rate_limited', 'Too many sign-ins at this moment. Try again in a second.', { retry_after_seconds: 1 });
  }
  checksUnderWay++;
  try {
    return await check();
  } finally {
    checksUnderWay--;
  }
}

/** The stored form: scrypt$N$r$p$salt$key (base64url), self-describing so parameters can rise later. */
const storedHash = (params: ScryptParams, salt: Buffer, key: Buffer) =>
  ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  keyLength: number;
}

/**
 * `password`'s stored hash with a given salt and parameters, outside the sign-in queue: for the
 * demo (a salt from its seed, so one seed gives one hash) and tests whose users need a hash that
 * is cheap to check. verifyPassword reads the parameters from the hash.
 */
export async function scryptHash(password: string, salt: Buffer, params: ScryptParams = HASH_PARAMS): Promise<string> {
  return storedHash(params, salt, await scrypt(password, salt, params.keyLength, { N: params.N, r: params.r, p: params.p, maxmem: 256 * 1024 * 1024 }));
}

/** A new hash of `password` (random salt, HASH_PARAMS), waiting its turn among the hashes under way. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await hashSlots.run(() => scrypt(password, salt, KEYLEN, { N, r, p, maxmem: 64 * 1024 * 1024 }));
  return storedHash(HASH_PARAMS, salt, key);
}

/**
 * Stands in for the hash of a user who does not exist, is inactive or has no password, so that
 * checking their password costs exactly what checking a real one does (a shortcut would tell,
 * by its speed, which emails have accounts). Random, so it matches no password.
 */
const NO_PASSWORD = storedHash(HASH_PARAMS, randomBytes(16), randomBytes(KEYLEN));

/** True if `password` matches `stored`; null or unreadable hashes cost a full check too, and are false. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const usable = parseHash(stored);
  const { n, rr, pp, salt, expected } = usable ?? parseHash(NO_PASSWORD)!;
  const actual = await hashSlots.run(() => scrypt(password, salt, expected.length, { N: n, r: rr, p: pp, maxmem: 256 * 1024 * 1024 }));
  return usable !== null && timingSafeEqual(actual, expected);
}

function parseHash(stored: string | null) {
  const [algo, n, rr, pp, salt, key] = (stored ?? '').split('$');
  if (algo !== 'scrypt' || !salt || !key) return null;
  return { n: Number(n), rr: Number(rr), pp: Number(pp), salt: Buffer.from(salt, 'base64url'), expected: Buffer.from(key, 'base64url') };
}

export const MIN_PASSWORD_LENGTH = 10;
