import { countUsers } from '../domains/crm/users.js';
import { startScheduler } from '../jobs/scheduler.js';
import { systemClock } from '../shared/clock.js';
import { buildApp } from './build-app.js';
import { smtpMailer } from './mailer.js';
import type { Config } from './config.js';
import { openAppDb } from './open-app-db.js';

/** Opens the database, serves API + web app, and shuts down cleanly on Ctrl-C or SIGTERM. */
export async function startServer(config: Config): Promise<void> {
  const { db, readDb, where, readWhere, notes, close } = await openAppDb(config);
  // One mailer and one public address for the API's sends and the scheduler's.
  const mailer = smtpMailer(config.smtpUrl, config.mailFrom);
  const publicUrl = config.publicUrl ?? `http://${config.host}:${config.port}`;
  const app = await buildApp({
    db,
    readDb,
    secret: config.secret,
    mailer,
    publicUrl,
    trustProxy: config.trustProxy,
    sessionIdleHours: config.sessionIdleHours,
    rateLimits: config.rateLimits,
    metricsToken: config.metricsToken,
    healthMaxLagSeconds: config.healthMaxLagSeconds,
    logger: { level: config.logLevel, transport: process.stdout.isTTY ? { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } : undefined },
  });
  const stopScheduler = startScheduler({ db, clock: systemClock, actor: { type: 'system', id: 'scheduler' } }, (m) => app.log.info(m), { mailer, baseUrl: publicUrl, readDb }, app.revloop.metrics.job);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: finishing open requests, then closing the database`);
    stopScheduler();
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await close();
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') throw new Error(`Port ${config.port} is already in use; start with --port N (or PORT=N).`);
    throw err;
  }
  const url = `http://${config.host}:${config.port}`;
  console.log(`\nRevloop is running at ${url}  (database: ${where})`);
  if (readWhere) console.log(`Reports, exports, packs and dashboards read from ${readWhere}.`);
  for (const note of notes) console.log(note);
  if ((await countUsers(db)) === 0) {
    const stop = config.databaseUrl ? '' : 'stop this server (Ctrl-C; the data folder is locked while it runs), then ';
    console.log(
      `\nNo users yet. Open ${url} to create the first admin in the browser,\n` +
        `or ${stop}run:\n  npx revloop user create --email you@example.com --password 'choose-a-long-one' --role admin\n` +
        `To explore with a demo company instead, ${stop}run:\n  npx revloop demo      (then sign in as admin@revloop.test / revloop-demo)\n`,
    );
  }
}
