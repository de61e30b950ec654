import type { Command } from 'commander';
import { loadConfig } from '../app/config.js';
import { startServer } from '../app/server.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('serve the API and web app')
    .option('--port <port>', 'port (default 3000, or PORT)')
    .option('--host <host>', 'host (default 127.0.0.1, or HOST)')
    .option('--data <dir>', 'PGlite data folder (default ./revloop-data, or REVLOOP_DATA_DIR)')
    .action(async (o: { port?: string; host?: string; data?: string }) => {
      const config = loadConfig({ port: o.port ? Number(o.port) : undefined, host: o.host, dataDir: o.data });
      await startServer(config);
    });
}
