import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password.js';

export const MAX_PASSWORD_LENGTH = 200;

/**
 * zxcvbn's score runs 0-4 from its estimate of the guesses an attacker needs (3: at least 10^8).
 * Below 3 are the passwords attackers try first: the common-password list ("password123",
 * "qwertyuiop"), keyboard walks, repeats, and a name or the product plus digits ("revloop123!").
 */
const MIN_SCORE = 3;

/** Words an attacker of this installation tries first, whatever the user: the product's own name. */
const PRODUCT_WORDS = ['revloop'];

export const TOO_EASY =
  'is too easy to guess: it is a common password, or built on one, on a name or on a simple pattern. Use a longer phrase of unrelated words';

/**
 * zxcvbn's matching grows fast with length (a 200-character password took ~0.6 s of the event
 * loop); it judges the first 40 characters, which is plenty: a phrase whose first 40 are
 * guessable is refused, and 40 unguessable ones are strong whatever follows.
 */
const JUDGED_LENGTH = 40;

// Loading the dictionaries takes ~100 ms: done at the first password set, not at every start of the CLI.
let checker: ZxcvbnFactory | null = null;

/**
 * Why a new password may not be used, or null when it may. `related` are words of this user
 * (email, name) that make a password easy to guess for someone who knows them. Lengths out of
 * bounds are left to the schema's min/max, which say so more precisely.
 */
export function passwordProblem(password: string, related: readonly (string | null | undefined)[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) return null;
  checker ??= new ZxcvbnFactory({ graphs: zxcvbnCommon.adjacencyGraphs, dictionary: { ...zxcvbnCommon.dictionary }, maxLength: JUDGED_LENGTH });
  const words = [...PRODUCT_WORDS, ...related.flatMap((w) => (w ? [w, ...w.split(/[\s@.]+/).filter((part) => part.length >= 3)] : []))];
  return checker.check(password, words).score >= MIN_SCORE ? null : TOO_EASY;
}

/** A password being set: length bounds here, strength by `strongPassword` on the enclosing object. */
export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`);

/**
 * A superRefine for an input object holding a new password in `field`: refuses guessable ones,
 * judged with the other fields `related` picks (the user's email and name when the input has them).
 */
export function strongPassword<T extends object>(field: keyof T & string, related: (v: T) => (string | null | undefined)[] = () => []) {
  return (v: T, ctx: z.RefinementCtx): void => {
    const password = v[field];
    if (typeof password !== 'string') return;
    const problem = passwordProblem(password, related(v));
    if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
  };
}
