import type { Command } from 'commander';

/**
 * Commands that live in their own files (import, export, demo, ...) register here,
 * so main.ts stays a list and parallel work never edits the same line.
 */
export function registerExtraCommands(_program: Command): void {}
