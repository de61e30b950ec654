import { Command, CommanderError } from 'commander';
import { AppError } from '../shared/errors.js';
import { DataDirInUseError } from '../db/data-dir-lock.js';
import { registerMigrate } from './migrate-command.js';
import { registerStart } from './start-command.js';
import { registerToken } from './token-command.js';
import { registerUser } from './user-command.js';
import { registerWriteKey } from './writekey-command.js';
import { registerExtraCommands } from './extra-commands.js';

const program = new Command('revloop').description('Revloop: one funnel and a two-way SLA for sales and marketing').exitOverride();
for (const register of [registerStart, registerMigrate, registerUser, registerToken, registerWriteKey, registerExtraCommands]) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof AppError) {
    console.error(`Error: ${err.message}`);
    process.exit(2);
  }
  if (err instanceof DataDirInUseError) {
    console.error(`Error: ${err.message}`);
    process.exit(3);
  }
  console.error(err instanceof Error ? `Error: ${err.message}` : err);
  process.exit(1);
}
