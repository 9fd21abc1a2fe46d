/**
 * The README's call simulator against a running server started on its defaults (public base URL
 * derived from PORT): the simulator signs as Twilio does and the caller gets through verification.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../../src/config/config';
import { startServer, type RunningServer } from '../../../src/server';
import { ROOT } from '../../support/care-fixture';

const run = promisify(execFile);
const SIMULATOR = path.join(ROOT, 'scripts/call-simulator.ts');

/** Runs the simulator with `stdin` piped in; resolves with its output and exit code. */
function runPiped(args: string[], stdin: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SIMULATOR, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    child.stdin.end(stdin);
  });
}

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

  const simulatorEnv = (): NodeJS.ProcessEnv => {
    const env = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    delete env.PUBLIC_BASE_URL;
    delete env.PORT;
    delete env.HOST;
    return env;
  };

  it('when it calls a server on another port with --url, then its signed webhooks are accepted and the caller is verified', async () => {
    const env = simulatorEnv();
    const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/call-simulator.ts'), '--from', '+12175550142', '--url', `http://localhost:${port}`, '--keys', '1,4821,2'], { cwd: ROOT, env, timeout: 60_000 });
    assert.match(stdout, /Hi Dana/);
    assert.match(stdout, /you're verified/);
    assert.doesNotMatch(stdout, /answered 403/);
  }).timeout(90_000);

  it('when the answers are piped into stdin, then each line answers one prompt and the end of input hangs up', async () => {
    const { stdout, stderr, code } = await runPiped(['--from', '+12175550142', '--url', `http://localhost:${port}`], '1\n4821\n2\n', simulatorEnv());
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /readline was closed/);
    assert.match(stdout, /Hi Dana/);
    assert.match(stdout, /you're verified/);
    assert.match(stdout, /\(end of input\)/);
    assert.match(stdout, /Call ended \(status callback answered 204\)/);
  }).timeout(90_000);

  it('when the server refuses the signature (PUBLIC_BASE_URL differs), then the simulator says that is the likely cause', async () => {
    const env = { ...simulatorEnv(), PUBLIC_BASE_URL: 'https://ivr.example.com' };
    const { stderr, code } = await runPiped(['--from', '+12175550142', '--url', `http://localhost:${port}`, '--keys', '1'], '', env);
    assert.equal(code, 1);
    assert.match(stderr, /webhook answered 403/);
    assert.match(stderr, /signed for https:\/\/ivr\.example\.com\/voice\/\.\.\. .*\n.*checks against its PUBLIC_BASE_URL/);
  }).timeout(90_000);

  it('when asked for --help, then it documents --keys and piped answers', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', SIMULATOR, '--help'], { cwd: ROOT, env: simulatorEnv(), timeout: 60_000 });
    assert.match(stdout, /--keys\s+the answers, comma-separated/);
    assert.match(stdout, /piped/);
  }).timeout(90_000);
});
