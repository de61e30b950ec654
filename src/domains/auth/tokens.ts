import { createHash, randomBytes } from 'node:crypto';

/** Random secret for sessions and API tokens; only its hash is stored. */
export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
