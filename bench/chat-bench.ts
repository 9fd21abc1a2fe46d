/**
 * npm run bench:chat — chat turns per second and latency, our Direct Line endpoint vs the Bot
 * Framework samples' pattern, same server, same bot, same Redis, same run.
 *
 *   1. Direct Line at a light, steady ~200 turns/s (paced open loop) on the fresh server: p99.
 *   2. Direct Line: 100 concurrent conversations, each posting a message and waiting for the
 *      bot's reply on its WebSocket stream, in a closed loop.
 *   3. Baseline: 100 concurrent conversations on /api/messages (CloudAdapter) replying by HTTP
 *      to a local serviceUrl sink, in a closed loop.
 * Phases 2 and 3 alternate for BENCH_ROUNDS rounds (the order flips each round) so that drift on
 * a shared machine, and the store growing as conversations lengthen, hit both alike; the medians
 * are compared. For them the server is pinned to CPU 0 and this process (the clients and the
 * baseline's reply sink) to CPU 1 when taskset exists, so neither side's load generator takes
 * the server's CPU; the light phase runs before, unpinned, on a server with every core.
 *
 * Env: BENCH_NO_PIN (don't pin server and clients to separate CPUs with taskset), BENCH_SECONDS (default 6), BENCH_ROUNDS (3), BENCH_CONVERSATIONS (100), BENCH_LIGHT_RATE (200), REDIS_URL;
 * BENCH_PROF=1 writes a CPU profile of the server to /tmp/chatprof; BENCH_ONLY=directline|baseline runs one side.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import Redis from 'ioredis';
import { DlConversation } from './chat/directline-load';
import { BaselineConversation, ReplySink } from './chat/baseline-load';
import { fmt, median, summarize, type Summary } from './chat/stats';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100);
const LIGHT_RATE = Number(process.env.BENCH_LIGHT_RATE ?? 200);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TEXT = 'menu';

interface Turner {
  turn(text: string): Promise<number>;
}

async function closedLoop(convs: Turner[], seconds: number): Promise<Summary & { allTurns: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let allTurns = 0;
  const warmUntil = performance.now() + 1000;
  const end = warmUntil + seconds * 1000;
  let started = 0;
  await Promise.all(
    convs.map(async (c) => {
      while (performance.now() < end) {
        try {
          const ms = await c.turn(TEXT);
          allTurns++;
          if (performance.now() > warmUntil) {
            if (!started) started = performance.now();
            latencies.push(ms);
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  return { ...summarize(latencies, (performance.now() - (started || warmUntil)) / 1000, errors), allTurns };
}

async function openLoop(convs: Turner[], rate: number, seconds: number): Promise<Summary> {
  const latencies: number[] = [];
  let errors = 0;
  const busy = new Set<number>();
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  const total = Math.floor(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    let k = i % convs.length;
    while (busy.has(k) && busy.size < convs.length) k = (k + 1) % convs.length;
    busy.add(k);
    inflight.push(
      convs[k]
        .turn(TEXT)
        .then((ms) => void latencies.push(ms))
        .catch(() => void errors++)
        .finally(() => busy.delete(k)),
    );
  }
  await Promise.all(inflight);
  return summarize(latencies, (performance.now() - t0) / 1000, errors);
}

interface BenchServer {
  url: string;
  pid: number;
  /** The server process's CPU time so far, and its longest event-loop stall since the last call, in ms. */
  probe(): Promise<{ cpuMs: number; loopMaxMs: number }>;
  stop(): Promise<void>;
}

async function startServer(prefix: string): Promise<BenchServer> {
  const nodeArgs = [...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/chatprof'] : []), ...(process.env.BENCH_SERVER_TRACE ? ['--trace-gc'] : []), '--import', 'tsx', path.join(__dirname, 'chat', 'bench-server.ts')];
  const child = spawn(process.execPath, nodeArgs, {
    // All load comes from one address: the per-source budgets and the per-conversation cap are not what is measured.
    env: {
      CHAT_TOKENS_PER_MINUTE: '100000',
      DIRECTLINE_CONVERSATIONS_PER_MINUTE: '100000',
      DIRECTLINE_ACTIVITIES_PER_MINUTE: '1000000',
      DIRECTLINE_MAX_ACTIVITIES: '100000',
      ...process.env,
      BENCH_REDIS_PREFIX: prefix,
      REDIS_URL,
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    if (line.startsWith('{')) waiting.shift()?.(line);
    else if (process.env.BENCH_SERVER_TRACE) process.stderr.write(`server: ${line}\n`);
  });
  const nextLine = () => new Promise<string>((resolve) => waiting.push(resolve));
  const line = await Promise.race([nextLine(), new Promise<string>((_, reject) => child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`))))]);
  const { url } = JSON.parse(line) as { url: string };
  return {
    url,
    pid: child.pid ?? 0,
    async probe() {
      const answer = nextLine();
      child.stdin.write('cpu\n');
      return JSON.parse(await answer) as { cpuMs: number; loopMaxMs: number };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

const HAS_TASKSET = process.env.BENCH_NO_PIN === undefined && spawnSync('taskset', ['-V']).status === 0;

async function main(): Promise<void> {
  const prefix = `bench:chat:${randomBytes(4).toString('hex')}:`;
  const server = await startServer(prefix);
  const sink = new ReplySink();
  await sink.start();
  try {
    console.log(`chat benchmark: ${CONVERSATIONS} conversations, ${SECONDS} s per phase, Redis ${REDIS_URL}, server ${server.url}${HAS_TASKSET ? ' (throughput rounds: server on CPU 0, clients on CPU 1)' : ' (no taskset: unpinned)'}`);
    const dl = Array.from({ length: CONVERSATIONS }, () => new DlConversation(server.url));
    await Promise.all(dl.map((c) => c.open()));
    const bf = Array.from({ length: CONVERSATIONS }, () => new BaselineConversation(server.url, sink));
    await Promise.all(bf.map((c) => c.open()));

    // 1. Light load first, on a fresh server with every core (latency, not capacity; the
    //    saturation rounds after it fill the in-memory store and the heap).
    await closedLoop(dl, 2); // warm-up (JIT), not reported
    await server.probe();
    const light = await openLoop(dl, LIGHT_RATE, SECONDS);
    const lightLoopMaxMs = (await server.probe()).loopMaxMs;
    console.log(`Direct Line at ~${LIGHT_RATE} turns/s (paced)      ${fmt(light)}`);
    // 2. Throughput rounds: server on CPU 0, clients on CPU 1.
    if (HAS_TASKSET) {
      spawnSync('taskset', ['-a', '-p', '-c', '0', String(server.pid)]);
      spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)]);
    }
    const only = process.env.BENCH_ONLY;
    const directs: Summary[] = [];
    const baselines: Summary[] = [];
    const measured = async (convs: Turner[]): Promise<Summary> => {
      const before = await server.probe();
      const { allTurns, ...r } = await closedLoop(convs, SECONDS);
      return { ...r, cpuMsPerTurn: ((await server.probe()).cpuMs - before.cpuMs) / Math.max(1, allTurns) };
    };
    const runDirect = async () => {
      const r = await measured(dl);
      directs.push(r);
      console.log(`  Direct Line (in-process bot, WebSocket)     ${fmt(r)}`);
    };
    const runBaseline = async () => {
      const r = await measured(bf);
      baselines.push(r);
      console.log(`  Baseline (CloudAdapter + serviceUrl sink)   ${fmt(r)}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      console.log(`round ${round + 1} of ${ROUNDS}`);
      const order = round % 2 === 0 ? [runDirect, runBaseline] : [runBaseline, runDirect];
      for (const run of order) {
        if (only === 'directline' && run === runBaseline) continue;
        if (only === 'baseline' && run === runDirect) continue;
        await run();
      }
    }

    console.log(`\nmedians of ${ROUNDS} alternating rounds, ${CONVERSATIONS} conversations in a closed loop:`);
    const direct = directs.length ? median(directs) : undefined;
    const baseline = baselines.length ? median(baselines) : undefined;
    if (direct) console.log(`Direct Line (in-process bot, WebSocket)     ${fmt(direct)}`);
    if (baseline) console.log(`Baseline (CloudAdapter + serviceUrl sink)   ${fmt(baseline)}`);
    console.log(`Direct Line at ~${LIGHT_RATE} turns/s (paced)      ${fmt(light)}`);
    if (direct && baseline) {
      const ratio = direct.turnsPerSec / baseline.turnsPerSec;
      console.log(`\nratio Direct Line / baseline: ${ratio.toFixed(2)}x  (target >= 1.5x: ${ratio >= 1.5 ? 'met' : 'NOT met'})`);
      if (direct.cpuMsPerTurn && baseline.cpuMsPerTurn) console.log(`server CPU per turn: Direct Line ${direct.cpuMsPerTurn.toFixed(3)} ms, baseline ${baseline.cpuMsPerTurn.toFixed(3)} ms (baseline / Direct Line ${(baseline.cpuMsPerTurn / direct.cpuMsPerTurn).toFixed(2)}x)`);
    }
    console.log(`light-load p99: ${light.p99.toFixed(1)} ms  (target < 25 ms: ${light.p99 < 25 ? 'met' : 'NOT met'}; longest server event-loop stall meanwhile ${lightLoopMaxMs.toFixed(1)} ms)`);
    for (const c of dl) c.close();
  } finally {
    await sink.stop();
    await server.stop();
    const redis = new Redis(REDIS_URL);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
