/**
 * The web process: config → bootstrap → listen; graceful shutdown on SIGTERM/SIGINT (stop
 * accepting, let in-flight requests finish within a grace period, stop the outbox loop, close
 * stores and Redis, exit 0). A bad setting or data file stops start-up with one clear message.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/config';
import { loadConfigOrExit, stopOnSignals } from './shared/process';
import { bootstrap, startupWarnings, StartupError, type BootstrapOptions, type Runtime } from './bootstrap';
import { createLogger } from './shared/logger';

export const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  server: Server;
  runtime: Runtime;
  /** Where this server actually listens (port 0 resolved). */
  url: string;
  /** Stops accepting, waits for in-flight requests (up to graceMs), then closes the runtime. */
  stop(graceMs?: number): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startServer(config: Config, opts: BootstrapOptions = {}): Promise<RunningServer> {
  const runtime = await bootstrap(config, opts);
  for (const warning of startupWarnings(config)) runtime.logger.warn(warning);
  const server = createServer(runtime.app);
  // Longer than a typical load balancer's idle timeout, so it never reuses a socket we just closed.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  runtime.attach(server);
  try {
    await listen(server, config.port, config.host);
  } catch (e) {
    await runtime.close();
    throw new StartupError(`PORT/HOST: cannot listen on ${config.host}:${config.port} (${(e as Error).message})`, { cause: e });
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = SHUTDOWN_GRACE_MS): Promise<void> =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive sockets become idle as their last response goes out: close them as they do.
      const sweeper = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
        timer.unref();
      });
      if ((await Promise.race([closed, late])) === 'late') {
        runtime.logger.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
        server.closeAllConnections();
        await closed;
      }
      clearTimeout(timer);
      clearInterval(sweeper);
      await runtime.close();
    })());
  return { server, runtime, url, stop };
}

function whereToGo(config: Config): string[] {
  const base = config.publicBaseUrl.replace(/\/$/, '');
  return [
    `customer portal: ${base}/${config.demoData ? '  (demo: account 31000101, PIN 4821)' : ''}`,
    ...(config.demoChatPage ? [`demo chat page:  ${base}/chat`] : []),
    config.env === 'production'
      ? `Twilio voice webhook: POST ${base}/voice/incoming (status: ${base}/voice/status, fallback: ${base}/voice/fallback)`
      : `IVR simulator:   npm run simulate:call -- --from +12175550142 --url ${base}  (Twilio voice webhook: POST ${base}/voice/incoming)`,
    `portal API docs: ${base}/api/v1/openapi.json`,
    `CSR console:     ${base}/console  (staff API docs: ${base}/api/v1/staff/openapi.json)`,
    `health:          ${base}/healthz  ${base}/readyz${config.env !== 'production' || config.metricsToken ? `  ${base}/metrics` : ''}`,
  ];
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, base: { role: 'web' } });
  let running: RunningServer;
  try {
    running = await startServer(config, { logger });
  } catch (e) {
    if (e instanceof StartupError) {
      process.stderr.write(`cannot start: ${e.message}\n`);
      process.exit(1);
    }
    logger.fatal({ err: e }, 'start-up failed');
    process.exit(1);
  }
  logger.info(
    { bound: running.url, store: config.mongodbUri ? 'mongodb' : `embedded (${config.dataDir})`, redis: Boolean(config.redisUrl), workerInProcess: running.runtime.workerInProcess },
    `listening on ${config.publicBaseUrl}`,
  );
  for (const line of whereToGo(config)) logger.info(line);

  stopOnSignals(logger, 'server', () => running.stop());
}

if (require.main === module) void main();
