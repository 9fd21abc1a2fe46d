/**
 * The worker process (Procfile `worker:`): drains the outbox, delivering orders, adjustments,
 * extensions and tickets to the back-ends with retries. On the embedded store the web process
 * runs the outbox itself (its files cannot be shared between processes), so the worker idles.
 */
import { ConfigError, loadConfig, type Config } from './config/config';
import { bootstrap, StartupError, type Runtime } from './bootstrap';
import { createLogger } from './shared/logger';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger({ level: config.logLevel, base: { role: 'worker' } });
  let runtime: Runtime | undefined;
  if (!config.mongodbUri) {
    logger.info('embedded store: the web process runs the outbox (WORKER_IN_PROCESS); this worker idles');
  } else {
    try {
      runtime = await bootstrap(config, { logger, overrides: { seedDemo: false, workerInProcess: true } });
    } catch (e) {
      process.stderr.write(`cannot start: ${e instanceof StartupError ? e.message : String(e)}\n`);
      process.exit(1);
    }
    logger.info({ pollMs: config.outboxPollMs }, 'worker draining the outbox');
  }

  const keepAlive = setInterval(() => undefined, 60_000);
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'worker shutting down');
    clearInterval(keepAlive);
    (runtime?.close() ?? Promise.resolve()).then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'worker shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

if (require.main === module) void main();
