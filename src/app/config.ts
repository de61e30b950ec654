/** The only place that reads the environment; everything else receives these values. */
export interface Config {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  host: string;
  smtpUrl?: string;
  mailFrom?: string;
  /** Public address of the app, for links in alert emails. */
  publicUrl?: string;
  secret?: string;
  logLevel: string;
}

export function loadConfig(overrides: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(overrides.port ?? env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}".`);
  return {
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: overrides.dataDir ?? env.REVLOOP_DATA_DIR ?? './revloop-data',
    port,
    host: overrides.host ?? env.HOST ?? '127.0.0.1',
    smtpUrl: overrides.smtpUrl ?? (env.SMTP_URL || undefined),
    mailFrom: overrides.mailFrom ?? (env.MAIL_FROM || undefined),
    publicUrl: overrides.publicUrl ?? (env.PUBLIC_URL || undefined),
    secret: overrides.secret ?? (env.REVLOOP_SECRET || undefined),
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
  };
}
