import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bootId, DataDirInUseError, lockDataDir, processStartTime } from './data-dir-lock.js';

const newDir = () => mkdtempSync(join(tmpdir(), 'revloop-lock-'));
const writeLock = (dir: string, holder: object) => writeFileSync(join(dir, 'revloop.lock'), JSON.stringify(holder));
const readLock = (dir: string) => JSON.parse(readFileSync(join(dir, 'revloop.lock'), 'utf8'));
/** /proc is Linux's: elsewhere start times are unknown and a live PID keeps the lock. */
const linux = processStartTime(process.pid) !== null;

describe('data folder lock', () => {
  it('refuses a folder held by a live process and names how to proceed', () => {
    const dir = newDir();
    // A real other process holds it: the parent of this test (alive for the whole test). An
    // old lock file records no start time, so a live PID is taken at its word.
    writeLock(dir, { pid: process.ppid, since: '2026-01-01T00:00:00Z' });
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Revloop process \(pid \d+.*--data DIR/);
  });

  it('takes over a lock left by a dead process and releases it', () => {
    const dir = newDir();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeLock(dir, { pid: Number(dead) });
    const release = lockDataDir(dir);
    expect(readLock(dir)).toMatchObject({ pid: process.pid, started: processStartTime(process.pid), boot: bootId() });
    // Even this same process may not open it twice (two PGlite instances on one folder corrupt it).
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    release();
    expect(existsSync(join(dir, 'revloop.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock naming our own PID: we are PID 1 again after a container restart', () => {
    const dir = newDir();
    writeLock(dir, { pid: process.pid, started: '1234', boot: bootId(), since: '2026-01-01T00:00:00Z' });
    const release = lockDataDir(dir);
    expect(readLock(dir).since).not.toBe('2026-01-01T00:00:00Z');
    release();
  });

  it.runIf(linux)('takes over a lock whose PID now belongs to a process that started at another time', () => {
    const dir = newDir();
    const started = processStartTime(process.ppid)!;
    writeLock(dir, { pid: process.ppid, started: String(Number(started) - 100), boot: bootId() });
    lockDataDir(dir)();
    // The same live PID with its real start time is the holder.
    writeLock(dir, { pid: process.ppid, started, boot: bootId() });
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  });

  it.runIf(linux)('takes over a lock recorded before the machine restarted', () => {
    const dir = newDir();
    writeLock(dir, { pid: process.ppid, started: processStartTime(process.ppid), boot: '00000000-0000-0000-0000-000000000000' });
    lockDataDir(dir)();
  });

  it('keeps out a second Revloop process while the first runs, and lets it in once the first is killed', async () => {
    const dir = newDir();
    const lockModule = pathToFileURL(fileURLToPath(new URL('./data-dir-lock.ts', import.meta.url))).href;
    const code = `const { lockDataDir } = await import(${JSON.stringify(lockModule)}); lockDataDir(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      // Starting node with tsx can take seconds on a busy machine: wait for its word, generously.
      await Promise.race([
        new Promise<void>((done, fail) => {
          const poll = setInterval(() => out.includes('locked') && (clearInterval(poll), done()), 20);
          setTimeout(() => (clearInterval(poll), fail(new Error(`child did not lock in 60 s: ${out}`))), 60_000);
        }),
        exited.then(() => Promise.reject(new Error(`child exited: ${out}`))),
      ]);
      expect(readLock(dir).pid).toBe(child.pid);
      expect(() => lockDataDir(dir)).toThrow(new RegExp(`in use by another Revloop process \\(pid ${child.pid},`));
      // SIGKILL runs no exit handler: the lock file stays behind, naming a dead process.
      child.kill('SIGKILL');
      await exited;
      expect(readLock(dir).pid).toBe(child.pid);
      lockDataDir(dir)();
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
