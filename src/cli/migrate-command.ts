import type { Command } from 'commander';
import { loadConfig } from '../app/config.js';
import { openAppDb } from '../app/open-app-db.js';
import { dataOption } from './with-db.js';

export function registerMigrate(program: Command): void {
  dataOption(program.command('migrate').description('apply pending database migrations')).action(async (o: { data?: string }) => {
    const { where, applied, close } = await openAppDb(loadConfig({ dataDir: o.data }));
    await close();
    console.log(applied.length ? `Applied migrations ${applied.join(', ')} to ${where}.` : `Database is up to date (${where}).`);
  });
}
