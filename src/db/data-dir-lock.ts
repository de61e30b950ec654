import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirInUseError extends Error {}

/** What a lock file records about the process that holds the folder. */
interface Holder {
  pid?: number;
  /** When that process started: /proc/<pid>/stat field 22, in clock ticks since boot (Linux). */
  started?: string | null;
  /** The kernel's boot id: ticks since boot say nothing across a reboot. */
  boot?: string | null;
  since?: string;
}

/** Folders this process holds: two PGlite instances on one folder corrupt it, even in one process. */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** When a process started, in clock ticks since boot (Linux); null when unknown or gone. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2, the command name, may itself hold spaces and ')': fields are counted after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[22 - 3] ?? null;
  } catch {
    return null;
  }
}

export function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * Whether the recorded holder may still be running. A PID alone is not enough: after a container
 * restart we are PID 1 again and so was the holder, and any PID is reused once its process ends.
 * So our own PID is ours from a previous life (this life is heldHere), and a live PID whose start
 * time or boot differs from the recorded one is another process. Where /proc is missing (macOS,
 * Windows) a live PID still counts as the holder: refusing wrongly is fixed by deleting the file,
 * taking over wrongly corrupts the database.
 */
function mayBeRunning(h: Holder): boolean {
  if (typeof h.pid !== 'number' || !Number.isInteger(h.pid) || h.pid <= 0) return false;
  if (h.pid === process.pid || !alive(h.pid)) return false;
  const boot = bootId();
  if (h.boot && boot && h.boot !== boot) return false;
  const started = processStartTime(h.pid);
  return !(h.started && started && h.started !== started);
}

/** Creates the lock file whole, or not at all (false when it exists): a reader never sees it half-written. */
function createLock(lockPath: string, content: string): boolean {
  const draft = `${lockPath}.${process.pid}.new`;
  writeFileSync(draft, content);
  try {
    linkSync(draft, lockPath);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // Some file systems have no hard links: create it exclusively instead.
    try {
      writeFileSync(lockPath, content, { flag: 'wx' });
      return true;
    } catch (err2) {
      if ((err2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err2;
    }
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes a stale lock, unless another process replaced it since it was read: the file is moved
 * aside (one atomic step, so two processes cannot both remove it) and put back if it changed.
 */
function removeStale(lockPath: string, seen: string): void {
  const aside = `${lockPath}.${process.pid}.stale`;
  try {
    renameSync(lockPath, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== seen) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // a third process holds it now; it will be judged on the next attempt
    }
  }
  rmSync(aside, { force: true });
}

/**
 * PGlite is one process's database: a second process writing the same folder corrupts it.
 * A lock file naming our PID, its start time and the boot keeps a second Revloop out; a lock
 * left by a process that is gone (crash, kill, container restart) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const abs = resolve(dir);
  mkdirSync(abs, { recursive: true });
  const lockPath = join(abs, 'revloop.lock');
  if (heldHere.has(lockPath)) {
    throw new DataDirInUseError(`The data folder ${abs} is already open in this process; close it before opening it again.`);
  }
  const me: Holder = { pid: process.pid, started: processStartTime(process.pid), boot: bootId(), since: new Date().toISOString() };
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLock(lockPath, content)) {
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        process.off('exit', release);
        // Only our own file: if someone deleted ours and another process locked, theirs stays.
        try {
          if (readFileSync(lockPath, 'utf8') === content) rmSync(lockPath, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    }
    let seen = '';
    let holder: Holder = {};
    try {
      seen = readFileSync(lockPath, 'utf8');
      holder = JSON.parse(seen);
    } catch {
      // unreadable or vanished: stale, judged below
    }
    if (mayBeRunning(holder)) {
      throw new DataDirInUseError(
        `The data folder ${abs} is in use by another Revloop process (pid ${holder.pid}, since ${holder.since}). ` +
          'Stop that process first, or point this one at another folder with --data DIR (or REVLOOP_DATA_DIR), ' +
          'or use a PostgreSQL server (DATABASE_URL) to run several processes on one database.',
      );
    }
    removeStale(lockPath, seen);
  }
  throw new DataDirInUseError(`Could not lock the data folder ${abs}: other processes kept taking it; try again.`);
}
