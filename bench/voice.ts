/**
 * npm run bench:voice [-- --duration 8 --connections 50 --rounds 3 --rate 400]
 *
 * The IVR's hot path against two baselines, in one run, on 127.0.0.1 with autocannon:
 *   node:http  bare server returning the main-menu TwiML
 *   express    bare Express 5 app returning the same TwiML
 *   voice      the real app: signed Twilio webhook, form body, signature check, one Redis read +
 *              one compare-and-set write (real Redis), the flow step (main menu, "9" = next page),
 *              cached TwiML. Every request is a new, valid step of one of `connections` live calls.
 * Then a light load of the voice step (~400 req/s, paced: see pacedLoad) for its p99.
 * Servers run in a child pinned to CPU 0 (with --single-threaded-gc, see SERVER_FLAGS), the load
 * generator on CPU 1 (when taskset exists).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import twilio from 'twilio';
import Redis from 'ioredis';
import { TwilioCaller } from '../src/channels/voice/twiml/twilio-caller';
import { spoken } from '../src/channels/voice/twiml/twiml-reader';
import { DEMO_PEOPLE } from '../src/demo/demo-people';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const DURATION = arg('duration', 8);
const CONNECTIONS = arg('connections', 50);
const LIGHT_RATE = arg('rate', 400);
const ROUNDS = arg('rounds', 3);
const PUBLIC = 'https://bench.example.test';
const TOKEN = 'bench-twilio-auth-token-0123456789abcdef';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `bench:voice:${crypto.randomBytes(3).toString('hex')}:`;
const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
/**
 * Node flags for every server variant alike. Pinned to one CPU, a server should not run V8's
 * parallel GC helpers on that same CPU (they contend with the event loop and stretch each pause):
 * --single-threaded-gc, as a one-core deployment would run. BENCH_NODE_FLAGS replaces them.
 */
const SERVER_FLAGS = (process.env.BENCH_NODE_FLAGS ?? (hasTaskset ? '--single-threaded-gc' : '')).split(' ').filter(Boolean);

interface Started {
  child: ChildProcess;
  url: string;
}

const children = new Set<ChildProcess>();
const killChildren = () => {
  for (const c of children) c.kill('SIGKILL');
};
process.on('exit', killChildren);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(130));

function startServer(mode: string, env: Record<string, string> = {}): Promise<Started> {
  const script = path.join(__dirname, 'voice/bench-server.ts');
  const cmd = hasTaskset ? 'taskset' : process.execPath;
  // BENCH_PROF=<dir> writes a CPU profile of the voice server there.
  const prof = mode === 'voice' && process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : [];
  // BENCH_TRACE_GC=1 prints the voice server's garbage collections (to find latency spikes).
  if (mode === 'voice' && process.env.BENCH_TRACE_GC) prof.push('--trace-gc');
  if (mode === 'voice' && process.env.BENCH_HEAP_PROF) prof.push('--heap-prof', `--heap-prof-dir=${process.env.BENCH_HEAP_PROF}`);
  const args = [...(hasTaskset ? ['-c', '0', process.execPath] : []), ...prof, ...SERVER_FLAGS, '--import', 'tsx', script, mode];
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (process.env.BENCH_TRACE_GC && mode === 'voice') process.stderr.write(d);
      const m = /READY (\d+)/.exec(out);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`${mode} server exited (${code})`)));
  });
}

async function stop(s: Started): Promise<void> {
  s.child.removeAllListeners('exit');
  await new Promise<void>((resolve) => {
    s.child.once('exit', () => resolve());
    s.child.kill('SIGTERM');
    setTimeout(() => s.child.kill('SIGKILL'), 3000).unref();
  });
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, url: string, opts: Partial<autocannon.Options>, duration = DURATION): Promise<Row> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, method: 'POST', ...opts } as autocannon.Options);
  return { name, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** Live calls on the main menu, one per connection. */
async function openCalls(url: string, n: number): Promise<TwilioCaller[]> {
  const people = DEMO_PEOPLE;
  const calls: TwilioCaller[] = [];
  for (let i = 0; i < n; i += 1) {
    const p = people[i % people.length];
    const c = new TwilioCaller({ serverUrl: url, publicBaseUrl: PUBLIC, authToken: TOKEN, from: p.phone });
    await c.dial();
    await c.press('1');
    let h = await c.press(p.pin);
    if (/Last time you started/.test(spoken(h))) h = await c.press('2');
    if (!/Main menu/.test(spoken(h))) throw new Error(`call ${i} is not at the main menu: ${spoken(h)}`);
    calls.push(c);
  }
  return calls;
}

/**
 * A paced open loop for the light-load p99: one request every 1000/rate ms whatever the answers
 * do, each a valid next step of an idle call, latency counted from the moment it was due.
 * (autocannon's overallRate is a per-second quota that each connection spends at full speed,
 * so it measures a burst, not a light load.)
 */
async function pacedLoad(name: string, url: string, calls: TwilioCaller[], rate: number, seconds: number): Promise<Row> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: calls.length });
  const live = calls.map((c) => ({ sid: c.callSid, from: c.from, seq: Number(new URL(c.last?.gather?.action ?? 'http://x/?s=0').searchParams.get('s')), busy: false }));
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;
  let skipped = 0;
  const inflight: Promise<void>[] = [];
  const target = new URL(url);
  const t0 = performance.now();
  const total = Math.floor(rate * seconds);
  let k = 0;
  for (let i = 0; i < total; i += 1) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    let tries = 0;
    while (live[k % live.length].busy && tries < live.length) {
      k += 1;
      tries += 1;
    }
    const call = live[k % live.length];
    k += 1;
    if (call.busy) {
      skipped += 1; // every call still answering: counted, not sent
      continue;
    }
    call.busy = true;
    const params = { AccountSid: `AC${'0'.repeat(32)}`, CallSid: call.sid, From: call.from, To: '+12175550100', CallStatus: 'in-progress', Digits: '9' };
    const p = `/voice/step?s=${call.seq}`;
    const body = new URLSearchParams(params).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)), 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}${p}`, params) };
    inflight.push(
      new Promise<void>((resolve) => {
        const req = http.request({ host: target.hostname, port: target.port, path: p, method: 'POST', agent, headers }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => {
            latencies.push(performance.now() - due);
            const m = /step\?s=(\d+)/.exec(text);
            if (res.statusCode === 200 && m) call.seq = Number(m[1]);
            else non2xx += 1;
            call.busy = false;
            resolve();
          });
        });
        req.on('error', () => {
          errors += 1;
          call.busy = false;
          resolve();
        });
        req.end(body);
      }),
    );
  }
  await Promise.all(inflight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
  return { name, rps: Math.round(latencies.length / ((performance.now() - t0) / 1000)), p50: at(0.5), p99: at(0.99), errors: errors + skipped, non2xx };
}

function voiceRequests(calls: TwilioCaller[]): Partial<autocannon.Options> {
  let next = 0;
  const step = '/voice/step';
  return {
    requests: [
      {
        method: 'POST',
        path: `${step}?s=0`,
        setupRequest: (req, context) => {
          const ctx = context as { sid?: string; from?: string; seq?: number };
          if (!ctx.sid) {
            const c = calls[next++ % calls.length];
            const action = c.last?.gather?.action ?? '';
            Object.assign(ctx, { sid: c.callSid, from: c.from, seq: Number(new URL(action).searchParams.get('s')) });
          }
          const params = { AccountSid: `AC${'0'.repeat(32)}`, CallSid: ctx.sid as string, From: ctx.from as string, To: '+12175550100', CallStatus: 'in-progress', Digits: '9' };
          const p = `${step}?s=${ctx.seq}`;
          const signature = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}${p}`, params);
          return { ...req, path: p, headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params).toString() };
        },
        onResponse: (status, body, context) => {
          const m = /step\?s=(\d+)/.exec(body);
          if (status === 200 && m) (context as { seq?: number }).seq = Number(m[1]);
        },
      },
    ],
  };
}

const fmt = (r: Row) => `${r.name.padEnd(26)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}  non-2xx ${r.non2xx}`;

async function main(): Promise<void> {
  if (hasTaskset) spawnSync('taskset', ['-p', '-c', '1', String(process.pid)]);
  const env = {
    NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: '0', PUBLIC_BASE_URL: PUBLIC, TWILIO_AUTH_TOKEN: TOKEN,
    SESSION_SECRET: crypto.randomBytes(24).toString('hex'), REDIS_URL, REDIS_KEY_PREFIX: PREFIX, DEMO_DATA: 'true',
    // Every bench call verifies with one of five demo phones; the per-number throttle is not what is measured.
    THROTTLE_PER_MINUTE: '10000',
  };
  console.log(`bench:voice  ${CONNECTIONS} connections, ${DURATION} s per run, server on CPU 0${hasTaskset ? ', load on CPU 1' : ' (no taskset: unpinned)'}${SERVER_FLAGS.length ? `, servers run with ${SERVER_FLAGS.join(' ')}` : ''}`);

  // All four servers stay up (idle ones cost nothing) and runs alternate between them, so
  // drift on a shared machine hits every variant alike; the median of ROUNDS runs is reported.
  const voice = await startServer('voice', env);
  const whole = await startServer('voice-app', env);
  const voiceCalls = await openCalls(voice.url, CONNECTIONS);
  const wholeCalls = await openCalls(whole.url, CONNECTIONS);
  const twiml = voiceCalls[0].lastXml ?? '';
  const bareNode = await startServer('node-http', { BENCH_TWIML: twiml });
  const bareExpress = await startServer('express', { BENCH_TWIML: twiml });
  const bare = { body: 'CallSid=CA0&Digits=9', headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  const variants: [string, string, Partial<autocannon.Options>][] = [
    ['bare node-http', `${bareNode.url}/voice/step`, bare],
    ['bare express', `${bareExpress.url}/voice/step`, bare],
    ['voice step (router)', voice.url, voiceRequests(voiceCalls)],
    ['voice step (whole app)', whole.url, voiceRequests(wholeCalls)],
  ];
  for (const [, url, opts] of variants) await load('warm-up', url, opts, 3);
  const runs = new Map<string, Row[]>();
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [name, url, opts] of variants) runs.set(name, [...(runs.get(name) ?? []), await load(name, url, opts)]);
  }
  const lights: Row[] = [];
  const lightCalls = await openCalls(voice.url, 10);
  console.log(`light load: ${LIGHT_RATE} req/s, paced, ${ROUNDS} x ${DURATION} s`);
  for (let round = 0; round < ROUNDS; round += 1) lights.push(await pacedLoad(`voice step @${LIGHT_RATE} req/s`, voice.url, lightCalls, LIGHT_RATE, DURATION));
  await Promise.all([voice, whole, bareNode, bareExpress].map(stop));

  const median = (rows: Row[]): Row => {
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { name: rows[0].name, rps: mid(rows.map((r) => r.rps)), p50: mid(rows.map((r) => r.p50)), p99: mid(rows.map((r) => r.p99)), errors: rows.reduce((a, r) => a + r.errors, 0), non2xx: rows.reduce((a, r) => a + r.non2xx, 0) };
  };
  const [nodeRow, expressRow, voiceRow, appRow] = variants.map(([name]) => median(runs.get(name) as Row[]));
  const light = median(lights);
  console.log(`\nmedian of ${ROUNDS} alternating runs:`);
  for (const r of [nodeRow, expressRow, voiceRow, appRow, light]) console.log(fmt(r));
  console.log('');
  const pct = (a: Row, b: Row) => `${((100 * a.rps) / b.rps).toFixed(0)} %`;
  console.log(`express / node:http            ${pct(expressRow, nodeRow)}`);
  console.log(`voice router / bare express    ${pct(voiceRow, expressRow)}   (target >= 60 %)`);
  console.log(`whole app / bare express       ${pct(appRow, expressRow)}`);
  console.log(`voice p99 @${LIGHT_RATE} req/s            ${light.p99} ms   (target < 10 ms; runs: ${lights.map((l) => l.p99).join(', ')} ms)`);

  await removeBenchKeys();
}

async function removeBenchKeys(): Promise<void> {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
}

main().catch(async (e: unknown) => {
  console.error(e);
  killChildren();
  await removeBenchKeys().catch(() => undefined);
  process.exit(1);
});
