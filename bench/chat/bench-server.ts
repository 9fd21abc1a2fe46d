/**
 * The server under test for `npm run bench:chat`, in its own process (so the load generator
 * doesn't share its event loop): the whole app on port 0 with REDIS_URL, the embedded store in
 * memory and the demo operator. Prints {"url": ...} on stdout when listening; each line "cpu" on
 * stdin is answered with {"cpuMs", "loopMaxMs"}: the process's CPU time so far (user + system)
 * and the longest event-loop stall since the last such line.
 */
import readline from 'node:readline';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/config';
import { startServer } from '../../src/server';

async function main(): Promise<void> {
  const prefix = process.env.BENCH_REDIS_PREFIX ?? 'bench:chat:';
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, DEMO_DATA: 'true' });
  const running = await startServer(config, { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
  process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'cpu') return;
    const { user, system } = process.cpuUsage();
    // The longest the event loop was blocked since the last question (GC pauses, long ticks).
    process.stdout.write(`${JSON.stringify({ cpuMs: (user + system) / 1000, loopMaxMs: loop.max / 1e6 })}\n`);
    loop.reset();
  });
  process.on('SIGTERM', () => {
    void running.stop(1000).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
