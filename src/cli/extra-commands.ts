import type { Command } from 'commander';
import { registerDemo } from './demo-command.js';
import { registerExport } from './export-command.js';
import { registerImport } from './import-command.js';
import { registerReport } from './report-command.js';
import { registerSla } from './sla-command.js';
import { registerGoal } from './goal-command.js';
import { registerWorkspace } from './workspace-command.js';
import { registerAudit } from './audit-command.js';
import { registerContact } from './contact-command.js';
import { registerProperty } from './property-command.js';
import { registerUpdate } from './update-command.js';
import { registerMeeting } from './meeting-command.js';

/**
 * Commands that live in their own files (import, export, demo, ...) register here,
 * so main.ts stays a list and parallel work never edits the same line.
 */
export function registerExtraCommands(program: Command): void {
  registerDemo(program);
  registerImport(program);
  registerExport(program);
  registerReport(program);
  registerSla(program);
  registerGoal(program);
  registerWorkspace(program);
  registerAudit(program);
  registerContact(program);
  registerProperty(program);
  registerUpdate(program);
  registerMeeting(program);
}
