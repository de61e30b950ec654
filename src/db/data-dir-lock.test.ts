import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';

describe('data folder lock', () => {
  it('refuses a folder held by a live process and names how to proceed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'revloop-lock-'));
    // A real other process holds it: the parent of this test (alive for the whole test).
    writeFileSync(join(dir, 'revloop.lock'), JSON.stringify({ pid: process.ppid, since: '2026-01-01T00:00:00Z' }));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Revloop process \(pid \d+.*--data DIR/);
  });

  it('takes over a lock left by a dead process and releases it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'revloop-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']).stdout.toString().trim();
    writeFileSync(join(dir, 'revloop.lock'), JSON.stringify({ pid: Number(dead) }));
    const release = lockDataDir(dir);
    expect(existsSync(join(dir, 'revloop.lock'))).toBe(true);
    // Even this same process may not open it twice (two PGlite instances on one folder corrupt it).
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    release();
    expect(existsSync(join(dir, 'revloop.lock'))).toBe(false);
    lockDataDir(dir)();
  });
});
