/** The bits of process life the server and the worker share: read the config or exit, stop on signals. */
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from '../config/config';

/** Loads the configuration; a bad setting prints its one-line reason and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

/** Runs `stop` once on SIGTERM or SIGINT, then exits 0 (1 if stopping failed). */
export function stopOnSignals(logger: Logger, what: string, stop: () => Promise<void>): void {
  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, `${what} shutting down`);
    stop().then(
      () => {
        logger.info(`${what} stopped`);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, `${what} shutdown failed`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}
