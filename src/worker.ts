/**
 * The worker process (Procfile `worker:`): drains the outbox, delivering orders, adjustments,
 * extensions and tickets to the back-ends with retries. On the embedded store the web process
 * runs the outbox itself (its files cannot be shared between processes), so the worker idles.
 */
import { loadConfigOrExit, stopOnSignals } from './shared/process';
import { bootstrap, StartupError, type Runtime } from './bootstrap';
import { createLogger } from './shared/logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
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
  stopOnSignals(logger, 'worker', async () => {
    clearInterval(keepAlive);
    await runtime?.close();
  });
}

if (require.main === module) void main();
