import { describe, expect, it } from 'vitest';
import { createUser } from '../crm/users.js';
import { passwordProblem, TOO_EASY } from './password-policy.js';

describe('new password strength', () => {
  it('refuses common passwords, keyboard walks and the product name with digits', () => {
    for (const p of ['password123', 'qwertyuiop', 'revloop123!', 'Revloop2026', 'Password1!', 'iloveyou12', '1234567890', 'abcdefghij', 'trustno1trustno1', 'welcome123']) {
      expect(passwordProblem(p), p).toBe(TOO_EASY);
    }
  });

  it("refuses what the user's own email or name gives away", () => {
    expect(passwordProblem('rita@revloop.test')).toBeNull();
    expect(passwordProblem('rita@revloop.test', ['rita@revloop.test', 'Rita Rep'])).toBe(TOO_EASY);
    expect(passwordProblem('rita@revloop', ['rita@revloop.test', 'Rita Rep'])).toBe(TOO_EASY);
  });

  it('accepts passphrases and random strings, and leaves lengths to the schema', () => {
    for (const p of ['correct horse battery', 'e2e-password-1', 'a-long-passphrase', 'violet-harbour-engine', 'xk4-pw-Q7bz!']) expect(passwordProblem(p), p).toBeNull();
    // Long ones are judged on their first 40 characters (zxcvbn's time grows fast with length).
    expect(passwordProblem('a'.repeat(150))).toBe(TOO_EASY);
    expect(passwordProblem('violet harbour engine under a copper moon, then tea at four')).toBeNull();
    // Too short or too long is the length rule's to say, with its own message.
    expect(passwordProblem('abc')).toBeNull();
    expect(passwordProblem('a'.repeat(201))).toBeNull();
  });

  it('applies to the CLI and every other createUser caller, naming the field', async () => {
    await expect(createUser(null as never, { name: 'Ada', email: 'ada@revloop.test', role: 'admin', password: 'qwertyuiop' })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { errors: [{ field: 'password', problem: TOO_EASY }] },
    });
  });
});
