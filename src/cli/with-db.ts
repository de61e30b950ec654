import type { Command } from 'commander';
import { loadConfig, type Config } from '../app/config.js';
import { openAppDb } from '../app/open-app-db.js';
import type { Db } from '../db/client.js';

export function dataOption(cmd: Command): Command {
  return cmd.option('--data <dir>', 'PGlite data folder (default ./revloop-data, or REVLOOP_DATA_DIR)');
}

/** Opens the app database for one CLI command and always closes it (releasing the folder lock). */
export async function withDb<T>(opts: { data?: string }, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig({ dataDir: opts.data });
  const { db, close } = await openAppDb(config);
  try {
    return await fn(db, config);
  } finally {
    await close();
  }
}
