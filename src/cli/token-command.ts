import type { Command } from 'commander';
import { createApiToken, listApiTokens, revokeApiToken } from '../domains/auth/api-tokens.js';
import { roles } from '../domains/auth/roles.js';
import { cliAuditor } from './cli-auditor.js';
import { allRows, parseId } from '../domains/crm/list-query.js';
import { textTable } from './text-table.js';
import { dataOption, withDb } from './with-db.js';

export function registerToken(program: Command): void {
  const token = program.command('token').description('manage API tokens');
  dataOption(
    token
      .command('create')
      .description('create an API token for scripts (printed once)')
      .requiredOption('--name <name>', 'what the token is for')
      .option('--role <role>', `one of ${roles.join(', ')}`, 'viewer')
      .option('--user <id>', 'the user it acts for (their queue and alerts)'),
  ).action(async (o: { name: string; role: string; user?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const t = await createApiToken(db, { name: o.name, role: o.role, ...(o.user ? { user_id: parseId('--user')(o.user) } : {}) }, cliAuditor());
      console.error(`Token ${t.id} "${t.name}" (${t.role}). Keep it secret; it is shown only now. Use it as: Authorization: Bearer <token>`);
      console.log(t.token);
    });
  });
  dataOption(token.command('list').description('list API tokens (never their secrets)')).action(async (o: { data?: string }) => {
    await withDb(o, async (db) => {
      const rows = await allRows((page) => listApiTokens(db, page));
      if (!rows.length) return console.log('No API tokens yet. Create one: npx revloop token create --name ci --role viewer');
      console.log(textTable(rows.map((t) => ({ id: t.id, name: t.name, role: t.role, user: t.user_name, created: t.created_at, last_used: t.last_used_at, revoked: t.revoked_at }))));
    });
  });
  dataOption(
    token
      .command('revoke')
      .description('revoke an API token: the next request with it is refused')
      .argument('<id>', 'token id (see token list)')
      .option('--force', 'revoke even the last admin token while no admin can sign in with a password'),
  ).action(async (id: string, o: { force?: boolean; data?: string }) => {
    await withDb(o, async (db) => {
      const t = await revokeApiToken(db, parseId('<id>')(id), cliAuditor(), { force: o.force });
      console.log(`Token ${t.id} "${t.name}" is revoked (since ${t.revoked_at!.toISOString()}).`);
    });
  });
}
