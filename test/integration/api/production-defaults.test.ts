/**
 * Production fails closed: what a deployment that sets only the required secrets gets (no demo
 * operator, no anonymous /api/messages, no /chat page, no open /metrics), and what start-up says
 * (the whole web process on port 0, as server.ts starts it).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Runtime } from '../../../src/bootstrap';
import { startServer, type RunningServer } from '../../../src/server';
import { createLogger } from '../../../src/shared/logger';
import { DEMO_PEOPLE } from '../../../src/demo/demo-people';
import { ROOT, settableClock, testHasher } from '../../support/care-fixture';
import { recordConnections } from '../../support/connection-recorder';
import { testConfig } from './api-harness';

const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'production-test-secret-0123456789abcdef',
  TWILIO_AUTH_TOKEN: 'production-test-twilio-token-0123',
  PUBLIC_BASE_URL: 'https://care.example.com',
  DEMO_DATA: '', // unset: testConfig would turn it on
  LOG_LEVEL: 'info',
};
const METRICS_TOKEN = 'metrics-token-for-tests-0123456789';

interface Booted {
  running: RunningServer;
  runtime: Runtime;
  http: ReturnType<typeof request>;
  logs: string[];
}

async function boot(env: Record<string, string> = {}): Promise<Booted> {
  const logs: string[] = [];
  const logger = createLogger({ level: 'info' }, { write: (line: string) => void logs.push(line) });
  const running = await startServer(testConfig({ ...PRODUCTION, ...env }), { logger, clock: settableClock(), overrides: { inMemory: true, hasher: testHasher, watchFiles: false, workerInProcess: false } });
  return { running, runtime: running.runtime, http: request(running.url), logs };
}

const said = (b: Booted, pattern: RegExp) => b.logs.some((l) => pattern.test((JSON.parse(l) as { msg: string }).msg));

describe('production defaults', () => {
  let booted: Booted[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const b = await boot(env);
    booted.push(b);
    return b;
  };
  afterEach(async () => {
    for (const b of booted) await b.running.stop(1000);
    booted = [];
  });

  it('when DEMO_DATA is not set, then the demo logins fail; with DEMO_DATA=true they work and start-up warns loudly', async () => {
    const dana = DEMO_PEOPLE[0];
    const off = await start();
    assert.equal((await off.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin })).status, 401);
    assert.equal((await off.http.post('/api/v1/sessions').send({ email: dana.email, password: dana.password })).status, 401);
    assert.equal(await off.runtime.stores.customers.findOne({ accountNumber: dana.accountNumber }), null, 'no demo customer in the store');
    assert.equal(said(off, /DEMO_DATA=true in production/), false);

    const on = await start({ DEMO_DATA: 'true' });
    assert.equal((await on.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin })).status, 201);
    assert.ok(said(on, /DEMO_DATA=true in production: .*Anyone can sign in as the demo customers/));
  });

  it('when MICROSOFT_APP_ID is unset, then /api/messages is not mounted, start-up says so, and an anonymous post reaches nobody', async () => {
    const replies: string[] = [];
    const sink = http.createServer((req, res) => {
      replies.push(req.url ?? '');
      res.end('{}');
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const sinkPort = (sink.address() as AddressInfo).port;
    const b = await start();
    const recorder = recordConnections();
    try {
      const activity = { type: 'message', id: randomUUID(), channelId: 'emulator', serviceUrl: `http://127.0.0.1:${sinkPort}`, from: { id: 'u' }, recipient: { id: 'bot' }, conversation: { id: `prod-${randomUUID()}` }, text: 'menu' };
      const res = await b.http.post('/api/messages').send(activity);
      assert.equal(res.status, 404);
      assert.deepEqual(recorder.attempts.filter((a) => a.port === sinkPort), []);
      assert.deepEqual(replies, []);
      assert.equal(await b.runtime.care.interactions.byChannelRef('chat', activity.conversation.id), null);
      assert.ok(said(b, /\/api\/messages is not mounted: production needs MICROSOFT_APP_ID/));
    } finally {
      recorder.stop();
      sink.closeAllConnections();
      await new Promise<void>((r) => sink.close(() => r()));
    }
  });

  it('when MICROSOFT_APP_ID is set, then /api/messages is mounted and refuses an anonymous post with 401', async () => {
    const b = await start({ MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000002', MICROSOFT_APP_PASSWORD: 'not-a-real-secret-for-tests' });
    const res = await b.http.post('/api/messages').send({ type: 'message', channelId: 'webchat', serviceUrl: 'https://smba.trafficmanager.net/amer/', from: { id: 'u' }, conversation: { id: 'c' }, text: 'hi' });
    assert.equal(res.status, 401);
    assert.ok(said(b, /\/api\/messages requires Bot Framework authentication/));
  });

  it('when METRICS_TOKEN is unset, then /metrics is not served and start-up says how to expose it', async () => {
    const b = await start();
    assert.equal((await b.http.get('/metrics')).status, 404);
    assert.ok(said(b, /\/metrics is not served: set METRICS_TOKEN/));
  });

  it('when METRICS_TOKEN is set, then /metrics answers only that bearer token', async () => {
    const b = await start({ METRICS_TOKEN });
    const none = await b.http.get('/metrics');
    assert.equal(none.status, 401);
    assert.equal(none.headers['www-authenticate'], 'Bearer realm="metrics"');
    assert.equal((await b.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}x`)).status, 401);
    const ok = await b.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    assert.equal(ok.status, 200);
    assert.match(ok.text, /process_cpu_seconds_total/);
  });

  it('when METRICS_TOKEN is set outside production, then it is required there too; unset, /metrics stays open for development', async () => {
    const dev = await start({ NODE_ENV: 'test', METRICS_TOKEN });
    assert.equal((await dev.http.get('/metrics')).status, 401);
    const open = await start({ NODE_ENV: 'test' });
    assert.equal((await open.http.get('/metrics')).status, 200);
  });

  it('when DEMO_CHAT_PAGE is not set, then /chat is absent while the portal chat token still works; DEMO_CHAT_PAGE=true serves it', async () => {
    const off = await start();
    assert.equal((await off.http.get('/chat')).status, 404);
    assert.equal((await off.http.get('/chat/webchat.js')).status, 404);
    assert.equal((await off.http.post('/chat/token')).status, 200);
    const on = await start({ DEMO_CHAT_PAGE: 'true' });
    assert.equal((await on.http.get('/chat')).status, 200);
  });

  it('when production runs on the embedded store, then start-up warns that it is for one process only', async () => {
    const b = await start();
    assert.ok(said(b, /production on the embedded store .*exactly one web process/));
  });

  it('when SESSION_SECRET is unset outside production, then start-up warns that tokens will not survive a restart', async () => {
    const b = await start({ NODE_ENV: 'development', SESSION_SECRET: '' });
    assert.ok(said(b, /SESSION_SECRET is unset: using a random secret for this process only/));
    const given = await start({ NODE_ENV: 'development' });
    assert.equal(said(given, /SESSION_SECRET is unset/), false);
  });

  it('when npm run seed runs in production without DEMO_DATA=true, then it refuses and writes nothing', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'telecare-seed-'));
    try {
      const env = { PATH: process.env.PATH ?? '', ...PRODUCTION, DATA_DIR: dataDir };
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], { cwd: ROOT, env, encoding: 'utf8' });
      assert.equal(run.status, 1);
      assert.match(run.stderr, /seed refused: .*set DEMO_DATA=true/);
      assert.deepEqual(readdirSync(dataDir), [], 'no store file was created');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }).timeout(30_000);
});
