import type { Command } from 'commander';
import { roles } from '../domains/auth/roles.js';
import { createUser } from '../domains/crm/users.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

export function registerUser(program: Command): void {
  const user = program.command('user').description('manage users');
  dataOption(
    user
      .command('create')
      .description('create a user who can sign in')
      .requiredOption('--email <email>', 'sign-in email')
      .requiredOption('--password <password>', 'at least 10 characters')
      .option('--role <role>', `one of ${roles.join(', ')}`, 'admin')
      .option('--name <name>', 'display name (default: from the email)')
      .option('--team <team>', 'team name')
      .option('--hourly-cost <eur>', 'cost per hour (for attempt profitability)'),
  ).action(async (o: { email: string; password: string; role: string; name?: string; team?: string; hourlyCost?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const u = await createUser(db, {
        email: o.email,
        password: o.password,
        role: o.role,
        name: o.name ?? o.email.split('@')[0],
        team: o.team,
        hourly_cost: o.hourlyCost ? Number(o.hourlyCost) : undefined,
      }, cliAuditor());
      console.log(`Created ${u.role} ${u.name} <${u.email}> (user ${u.id}). Sign in at http://127.0.0.1:3000.`);
    });
  });
}
