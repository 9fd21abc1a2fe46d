/**
 * Redis goes away mid-call (a real redis-server of our own, killed): the caller hears an
 * apology and is queued for a CSR, never a 500 or silence, and the webhook answers fast.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { startVoiceApp, type VoiceApp } from './support/voice-app';
import { CallScript } from './support/call-script';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i += 1) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (up) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('redis-server did not start');
}

describe('voice: Redis outage mid-call', function () {
  let redis: ChildProcess | undefined;
  let app: VoiceApp;

  before(async () => {
    const port = await freePort();
    redis = await startRedis(port);
    app = await startVoiceApp({ redisUrl: `redis://127.0.0.1:${port}` });
  });
  after(async () => {
    await app.close();
    if (redis && redis.exitCode === null) redis.kill('SIGKILL');
  });

  it('when Redis stops during a call, then the next step apologises and queues the caller for a CSR (200 TwiML, quickly)', async () => {
    const tom = app.person('reset');
    const s = await new CallScript(app.call(tom.phone)).dial();
    await s.play('1', tom.pin);
    s.expectHeard(/Main menu/);
    assert.equal((await app.redisKeys()).length, 1, 'the call state lives in this Redis');

    const exited = new Promise((resolve) => redis?.once('exit', resolve));
    redis?.kill('SIGKILL');
    await exited;
    const started = Date.now();
    const reply = await s.caller.answerRaw({ digits: '1' });
    const took = Date.now() - started;

    assert.equal(reply.status, 200);
    assert.match(reply.heard?.says.map((x) => x.text).join(' ') ?? '', /technical problem/);
    assert.equal(reply.heard?.enqueue?.queue, 'general');
    assert.ok(took < 3000, `answered in ${took} ms`);
    const status = await s.caller.hangUp();
    assert.equal(status.status, 204, 'the status callback still closes the interaction without Redis');
    const interactions = await app.fx.stores.interactions.find({ channelRef: s.caller.callSid });
    assert.notEqual(interactions[0].status, 'open');
  });
});
