import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is one process's database: a second process writing the same folder corrupts it.
 * An exclusive lock file holding our PID keeps a second Revloop out; a lock left by a dead
 * process is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const lockPath = join(abs, 'revloop.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let holder: { pid?: number; since?: string } = {};
      try {
        holder = JSON.parse(readFileSync(lockPath, 'utf8'));
      } catch {
        // unreadable lock: treat as stale below
      }
      if (holder.pid && alive(holder.pid)) {
        throw new DataDirInUseError(
          `The data folder ${abs} is in use by another Revloop process (pid ${holder.pid}, since ${holder.since}). ` +
            'Stop that process first, or point this one at another folder with --data DIR (or REVLOOP_DATA_DIR), ' +
            'or use a PostgreSQL server (DATABASE_URL) to run several processes on one database.',
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data folder ${abs}.`);
}
