import { createApiToken } from '../../domains/auth/api-tokens.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.js';
import { hashPassword, verifyPassword } from '../../domains/auth/password.js';
import { lockoutMs, ACCOUNT_POLICY } from '../../domains/auth/sign-in-throttle.js';
import { cheapPasswordHash } from '../../testing/cheap-password-hash.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

const PASSWORD = 'correct horse battery';

describe('sign-in lockout schedule', () => {
  it('gives 5 failures free, then doubles from 1 s, and never locks longer than 15 minutes', () => {
    expect([1, 4, 5, 6, 7, 10].map((n) => lockoutMs(ACCOUNT_POLICY, n))).toEqual([0, 0, 1000, 2000, 4000, 32_000]);
    expect(lockoutMs(ACCOUNT_POLICY, 14)).toBe(512_000);
    expect(lockoutMs(ACCOUNT_POLICY, 15)).toBe(15 * 60_000);
    expect(lockoutMs(ACCOUNT_POLICY, 500)).toBe(15 * 60_000);
  });
});

describe.each(testBackends())('sign-in throttling on %s', (backend) => {
  let t: TestApp;
  let hash: string;
  let n = 0;
  // Addresses come from X-Forwarded-For, which the app believes only from the loopback proxy it is told to trust.
  const signIn = (email: string, password: string, ip = `10.9.${(++n >> 8) & 255}.${n & 255}`) =>
    t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-for': ip }, payload: { email, password } });
  /** A user with PASSWORD, inserted with a hash made once (scrypt per user would slow the file down for nothing). */
  const user = async (email: string, active = true, passwordHash = hash) => {
    await t.db.query(`INSERT INTO users (name, email, role, password_hash, active) VALUES ('Test User', $1, 'sales_rep', $2, $3)`, [email, passwordHash, active]);
  };
  /**
   * Users whose tests count failures, not hashing work, get a cheap hash (cheap-password-hash.ts):
   * their real checks were most of this file's time. The tests of equal work and of a flood keep
   * real hashes and unknown emails (checked against the real cost).
   */
  const counted = (email: string) => user(email, true, cheapHash);
  let cheapHash: string;

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-02T09:00:00Z', { trustProxy: '127.0.0.1' });
    hash = await hashPassword(PASSWORD);
    cheapHash = await cheapPasswordHash(PASSWORD);
    // The cheap hash is a real one at N=2^10: the right password passes and a wrong one fails.
    expect(await verifyPassword(PASSWORD, cheapHash)).toBe(true);
    expect(await verifyPassword('not-the-password', cheapHash)).toBe(false);
  });
  afterAll(() => t.cleanup());

  it('50 wrong passwords then the right one: the right one is refused until the lockout ends, with Retry-After', async () => {
    await counted('rita@revloop.test');
    const wrong = [];
    for (let i = 0; i < 50; i++) wrong.push((await signIn('rita@revloop.test', `wrong-password-${i}`)).statusCode);
    expect(wrong.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(new Set(wrong.slice(5))).toEqual(new Set([429]));
    const right = await signIn('rita@revloop.test', PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBe('1');
    expect(right.json()).toMatchObject({ code: 'rate_limited', message: 'Too many failed sign-ins. Try again in 1 second.', retry_after_seconds: 1 });
    expect(right.headers['set-cookie']).toBeUndefined();

    // The lockout doubles with each further failure: after the 6th, 2 s.
    t.clock.advance(1000);
    expect((await signIn('rita@revloop.test', 'wrong-again-1')).statusCode).toBe(401);
    t.clock.advance(1000);
    const still = await signIn('rita@revloop.test', PASSWORD);
    expect(still.statusCode).toBe(429);
    expect(still.headers['retry-after']).toBe('1');
    t.clock.advance(1000);
    const ok = await signIn('rita@revloop.test', PASSWORD);
    expect(ok.statusCode).toBe(200);
    // Success starts the account again from zero: 5 free failures.
    for (let i = 0; i < 5; i++) expect((await signIn('rita@revloop.test', `wrong-after-${i}`)).statusCode).toBe(401);
    expect((await signIn('rita@revloop.test', 'wrong-sixth')).statusCode).toBe(429);
  });

  it('locks unknown emails exactly like real ones (the lockout tells nothing about who has an account)', async () => {
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await signIn('nobody-here@revloop.test', `guess-${i}`)).statusCode);
    expect(codes).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('counts failures per address too: 20 wrong sign-ins at different accounts lock that address, not the accounts elsewhere', async () => {
    await counted('sam@revloop.test');
    // Half the sprayed accounts exist and half do not: failures on both count towards the address.
    for (let i = 0; i < 20; i += 2) await counted(`spray-${i}@revloop.test`);
    for (let i = 0; i < 20; i++) expect((await signIn(`spray-${i}@revloop.test`, 'password-guess', '10.2.0.1')).statusCode).toBe(401);
    const fromSprayer = await signIn('sam@revloop.test', PASSWORD, '10.2.0.1');
    expect(fromSprayer.statusCode).toBe(429);
    expect(Number(fromSprayer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await signIn('sam@revloop.test', PASSWORD, '10.2.0.2')).statusCode).toBe(200);
  });

  it('shares the counters between instances: a lockout made on one app holds on another over the same database', async () => {
    await counted('ines@revloop.test');
    for (let i = 0; i < 5; i++) expect((await signIn('ines@revloop.test', `wrong-${i}`)).statusCode).toBe(401);
    const other = await buildApp({ db: t.db, clock: t.clock, webDist: null, processEvents: false });
    try {
      const res = await other.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ines@revloop.test', password: PASSWORD } });
      expect(res.statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('does the same work for an unknown email, an inactive user and a wrong password (timing tells nothing)', async () => {
    await user('tom@revloop.test');
    await user('gone@revloop.test', false);
    const time = async (email: string) => {
      const t0 = performance.now();
      const res = await signIn(email, 'not-the-password');
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'unauthenticated', message: 'Wrong email or password.' });
      return performance.now() - t0;
    };
    await time('warm-up@revloop.test');
    const known: number[] = [];
    const unknown: number[] = [];
    const inactive: number[] = [];
    // Four rounds stay within the free failures of each account; interleaved, so load on the machine hits all alike.
    for (let i = 0; i < 4; i++) {
      known.push(await time('tom@revloop.test'));
      unknown.push(await time(`nobody-${i}@revloop.test`));
      inactive.push(await time('gone@revloop.test'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // Before equal work an unknown email answered ~30x faster (4 ms vs 120 ms); a generous band around 1.
    expect(median(unknown) / median(known)).toBeGreaterThan(0.4);
    expect(median(unknown) / median(known)).toBeLessThan(2.5);
    expect(median(inactive) / median(known)).toBeGreaterThan(0.4);
  });

  it('keeps /healthz answering while 40 concurrent wrong sign-ins run, and turns the excess away with 429', async () => {
    const health: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t0 = performance.now();
        expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const floodStart = performance.now();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(`flood-${i}@revloop.test`, 'wrong-password', `10.3.0.${i + 1}`)));
    const flood = performance.now() - floodStart;
    done = true;
    await poll;
    const refused = results.filter((r) => r.statusCode === 429);
    expect(results.every((r) => r.statusCode === 401 || r.statusCode === 429)).toBe(true);
    // At most 16 are checked at once; the rest are told to come back in a second rather than queue.
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.headers['retry-after']).toBe('1');
    expect(health.length).toBeGreaterThan(0);
    // Measured against the flood itself, not a fixed bound a loaded machine can miss: hashing on
    // the event loop would hold a health check for most of the flood; off it, a check waits for
    // little of it.
    expect(Math.max(...health)).toBeLessThan(Math.max(flood / 2, 250));
  });
});

describe.each(testBackends())('sessions and passwords on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  const signIn = async (email: string, password: string, app = t.app) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-for': `10.8.0.${++n}` }, payload: { email, password } });
    expect(res.statusCode, res.body).toBe(200);
    return String(res.headers['set-cookie']).split(';')[0]!;
  };
  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const fieldsOf = (res: { json(): { errors?: { field: string; problem: string }[] } }) => res.json().errors ?? [];
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-02T09:00:00Z', { trustProxy: '127.0.0.1' });
    admin = await t.as('admin');
    for (const [name, email] of [['Rita Rep', 'rita@revloop.test'], ['Paul Rep', 'paul@revloop.test'], ['Cora Rep', 'cora@revloop.test']]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name, email, role: 'sales_rep', password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(() => t.cleanup());

  it('ends a session after 12 hours without a request, and after 14 days however busy', async () => {
    const idle = await signIn('rita@revloop.test', PASSWORD);
    t.clock.advance(11 * 3600_000 + 59 * 60_000);
    expect((await me(idle)).statusCode).toBe(200);
    t.clock.advance(11 * 3600_000 + 59 * 60_000);
    expect((await me(idle)).statusCode).toBe(200);
    t.clock.advance(12 * 3600_000 + 60_000);
    expect((await me(idle)).statusCode).toBe(401);

    const busy = await signIn('rita@revloop.test', PASSWORD);
    for (let h = 10; h < 14 * 24; h += 10) {
      t.clock.advance(10 * 3600_000);
      expect((await me(busy)).statusCode, `after ${h} h`).toBe(200);
    }
    t.clock.advance(10 * 3600_000);
    expect((await me(busy)).statusCode).toBe(401);
  });

  it('ends every session of a user whose password an admin resets, or who is deactivated; reactivating brings none back', async () => {
    const [paul] = await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'paul@revloop.test'`);
    const a = await signIn('paul@revloop.test', PASSWORD);
    const b = await signIn('paul@revloop.test', PASSWORD);
    const reset = await t.app.inject({ method: 'PATCH', url: `/api/users/${paul!.id}`, headers: admin, payload: { password: 'marble-kettle-orbit' } });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);

    const c = await signIn('paul@revloop.test', 'marble-kettle-orbit');
    expect((await me(c)).statusCode).toBe(200);
    // A token acting for him stops with him too.
    const token = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'paul-script', role: 'sales_rep', user_id: paul!.id })).token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: token })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${paul!.id}`, headers: admin, payload: { active: false } })).statusCode).toBe(200);
    expect((await me(c)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: token })).statusCode).toBe(401);
    // He cannot sign in again: told why with his right password, told nothing more than anyone without it.
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-for': `10.8.1.${++n}` }, payload: { email: 'paul@revloop.test', password } });
    const refused = await attempt('marble-kettle-orbit');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ code: 'unauthenticated', message: 'This account is deactivated. Ask an admin to reactivate it.' });
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect((await attempt('not-his-password')).json()).toEqual({ code: 'unauthenticated', message: 'Wrong email or password.' });
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${paul!.id}`, headers: admin, payload: { active: true } })).statusCode).toBe(200);
    expect((await me(c)).statusCode).toBe(401);
    expect((await t.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [paul!.id]))).toHaveLength(0);
  });

  it('lets a user change their own password: the current one checked, a weak one refused, the other sessions ended', async () => {
    const laptop = await signIn('cora@revloop.test', PASSWORD);
    const phone = await signIn('cora@revloop.test', PASSWORD);
    const change = (body: object, cookie = laptop) => t.app.inject({ method: 'POST', url: '/api/auth/password', headers: { cookie }, payload: body });

    // A weak new password is refused before the current one costs a check.
    const weak = await change({ current_password: 'not-my-password', new_password: 'password123' });
    expect(weak.statusCode).toBe(400);
    expect(fieldsOf(weak)).toEqual([{ field: 'new_password', problem: expect.stringMatching(/^is too easy to guess/) }]);
    const wrong = await change({ current_password: 'not-my-password', new_password: 'violet-harbour-engine' });
    expect(fieldsOf(wrong)).toEqual([{ field: 'current_password', problem: 'is not your current password' }]);
    const personal = await change({ current_password: PASSWORD, new_password: 'cora@revloop.test' });
    expect(fieldsOf(personal)).toEqual([{ field: 'new_password', problem: expect.stringMatching(/^is too easy to guess/) }]);
    expect((await change({ current_password: PASSWORD, new_password: 'short' })).json().errors[0]).toEqual({ field: 'new_password', problem: 'must be at least 10 characters' });
    const token = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: await t.as('viewer'), payload: { current_password: PASSWORD, new_password: 'violet-harbour-engine' } });
    expect(token.statusCode).toBe(403);

    const ok = await change({ current_password: PASSWORD, new_password: 'violet-harbour-engine' });
    expect(ok.statusCode, ok.body).toBe(200);
    const fresh = String(ok.headers['set-cookie']).split(';')[0]!;
    expect(fresh).not.toBe(laptop);
    expect((await me(fresh)).statusCode).toBe(200);
    expect((await me(laptop)).statusCode).toBe(401);
    expect((await me(phone)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-for': '10.7.0.1' }, payload: { email: 'cora@revloop.test', password: PASSWORD } })).statusCode).toBe(401);
    await signIn('cora@revloop.test', 'violet-harbour-engine');
    const [cora] = await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'cora@revloop.test'`);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE object_type = 'user' AND object_id = $1 AND action LIKE 'user.password%'`, [String(cora!.id)]);
    expect(audit.map((a) => a.action)).toEqual(['user.password_changed']);
  });

  it('refuses common and guessable passwords wherever one is set, naming the field', async () => {
    const create = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name: 'Weak', email: 'weak@revloop.test', role: 'viewer', password: 'password123' } });
    expect(create.statusCode).toBe(400);
    expect(fieldsOf(create)).toEqual([{ field: 'password', problem: expect.stringMatching(/^is too easy to guess/) }]);
    expect(create.json().message).toMatch(/^Invalid input\. Password is too easy to guess/);
    const [rita] = await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'rita@revloop.test'`);
    for (const password of ['qwertyuiop', 'revloop123!', 'Password1!', 'rita@revloop']) {
      // A reset sends only the password: Rita's own email and name are still counted as known words.
      const reset = await t.app.inject({ method: 'PATCH', url: `/api/users/${rita!.id}`, headers: admin, payload: { password } });
      expect(fieldsOf(reset), password).toEqual([{ field: 'password', problem: expect.stringMatching(/^is too easy to guess/) }]);
    }
    // Setup checks the input before it looks whether anyone exists.
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { name: 'Olga', email: 'olga@acme.io', password: 'iloveyou12' } });
    expect(fieldsOf(setup)).toEqual([{ field: 'password', problem: expect.stringMatching(/^is too easy to guess/) }]);
  });

  it('marks the session cookie Secure behind HTTPS: an https public URL, or X-Forwarded-Proto from a trusted proxy only', async () => {
    const cookieOf = async (app = t.app, headers: Record<string, string> = {}) => {
      const res = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'x-forwarded-for': `10.6.0.${++n}`, ...headers }, payload: { email: 'rita@revloop.test', password: PASSWORD } });
      expect(res.statusCode, res.body).toBe(200);
      return String(res.headers['set-cookie']);
    };
    expect(await cookieOf()).not.toMatch(/Secure/);
    expect(await cookieOf(t.app, { 'x-forwarded-proto': 'https' })).toMatch(/; Secure/);
    const https = await buildApp({ db: t.db, clock: t.clock, webDist: null, processEvents: false, publicUrl: 'https://crm.example.com' });
    const untrusting = await buildApp({ db: t.db, clock: t.clock, webDist: null, processEvents: false });
    try {
      expect(await cookieOf(https)).toMatch(/; Secure/);
      // Without TRUST_PROXY anyone could send the header: it is ignored.
      expect(await cookieOf(untrusting, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
    } finally {
      await https.close();
      await untrusting.close();
    }
  });
});
