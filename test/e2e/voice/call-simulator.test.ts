/**
 * The README's call simulator against a running server started on its defaults (public base URL
 * derived from PORT): the simulator signs as Twilio does and the caller gets through verification.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { ROOT } from '../../support/care-fixture';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  return port;
}

describe('voice: the terminal call simulator', () => {
  let server: RunningServer;
  let port: number;
  before(async () => {
    port = await freePort();
    const config = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent', PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'true' });
    server = await startServer(config, { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
  });
  after(() => server.stop(1000));

  it('when it calls a server on another port with --url, then its signed webhooks are accepted and the caller is verified', async () => {
    const env = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    delete env.PUBLIC_BASE_URL;
    delete env.PORT;
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/call-simulator.ts'), '--from', '+12175550142', '--url', `http://localhost:${port}`, '--keys', '1,4821,2'], { cwd: ROOT, env, timeout: 60_000 });
    assert.match(stdout, /Hi Dana/);
    assert.match(stdout, /you're verified/);
    assert.doesNotMatch(stdout, /answered 403/);
  }).timeout(90_000);
});
