import type { Command } from 'commander';
import { createApiToken } from '../domains/auth/api-tokens.js';
import { roles } from '../domains/auth/roles.js';
import { dataOption, withDb } from './with-db.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  dataOption(
    token
      .command('create')
      .description('create an API token for scripts (printed once)')
      .requiredOption('--name <name>', 'what the token is for')
      .option('--role <role>', `one of ${roles.join(', ')}`, 'viewer'),
  ).action(async (o: { name: string; role: string; data?: string }) => {
    await withDb(o, async (db) => {
      const t = await createApiToken(db, { name: o.name, role: o.role });
      console.error(`Token ${t.id} "${t.name}" (${t.role}). Keep it secret; it is shown only now. Use it as: Authorization: Bearer <token>`);
      console.log(t.token);
    });
  });
}
