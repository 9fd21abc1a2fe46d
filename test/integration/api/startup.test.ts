import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bootstrap, StartupError } from '../../../src/bootstrap';
import { createStores } from '../../../src/adapters/stores';
import { startServer } from '../../../src/server';
import { silentLogger } from '../../../src/shared/logger';
import { CATALOG_FILE, ROOT, RULES_DIR, testHasher } from '../../support/care-fixture';
import { testConfig } from './api-harness';

describe('api: start-up and shutdown', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'telecare-startup-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const boot = (env: Record<string, string>) =>
    bootstrap(testConfig(env), { logger: silentLogger(), overrides: { inMemory: true, hasher: testHasher, watchFiles: false, workerInProcess: false, seedDemo: false } });

  it('when the catalog has a wrong value, then bootstrap refuses naming the setting, the file and the place', async () => {
    const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));
    catalog.products[0].pricing[0].amountMinor = 'ten dollars';
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, JSON.stringify(catalog, null, 2));
    await assert.rejects(boot({ CATALOG_FILE: file }), (e: unknown) => {
      assert.ok(e instanceof StartupError);
      assert.match(e.message, /^CATALOG_FILE: /);
      assert.ok(e.message.includes(file), e.message);
      assert.match(e.message, /products\[0\]\.pricing\[0\]\.amountMinor/);
      return true;
    });
  });

  it('when a product description has no Spanish and the flow offers Spanish, then bootstrap refuses naming the text', async () => {
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, readFileSync(CATALOG_FILE, 'utf8'));
    const es = readFileSync(path.join(path.dirname(CATALOG_FILE), 'catalog-text.es.yaml'), 'utf8').replace(/^  fiber-500: .*\n/m, '');
    writeFileSync(path.join(dir, 'catalog-text.es.yaml'), es);
    await assert.rejects(boot({ CATALOG_FILE: file }), (e: unknown) => {
      assert.ok(e instanceof StartupError);
      assert.match(e.message, /^CATALOG_FILE: catalog text without a translation/);
      assert.match(e.message, /es: products\.fiber-500 \("Up to 500 Mbps symmetrical fiber internet for busy homes\."\)/);
      return true;
    });
  });

  it('when the catalog is not JSON, then bootstrap refuses naming the line', async () => {
    const file = path.join(dir, 'catalog.json');
    writeFileSync(file, '{\n  "operator": {,\n}');
    await assert.rejects(boot({ CATALOG_FILE: file }), /CATALOG_FILE: .*catalog\.json: line 2/);
  });

  it('when a rules file is broken, then bootstrap refuses naming the rules file', async () => {
    const rules = path.join(dir, 'rules');
    cpSync(RULES_DIR, rules, { recursive: true });
    writeFileSync(path.join(rules, 'retention-offers.json'), '{ "ruleSet": "retention-offers", "rules": [ { "name": 1 } ] }');
    await assert.rejects(boot({ RULES_DIR: rules }), (e: unknown) => {
      assert.ok(e instanceof StartupError);
      assert.match(e.message, /^RULES_DIR: .*retention-offers\.json: /);
      return true;
    });
  });

  it('when the dispositions file has a bad entry, then bootstrap refuses naming the setting, the file and the place', async () => {
    const file = path.join(dir, 'dispositions.json');
    writeFileSync(file, JSON.stringify({ dispositions: [{ code: 'ok', label: 'OK', outcome: 'ok', resolved: 'yes' }] }));
    await assert.rejects(boot({ DISPOSITIONS_FILE: file }), (e: unknown) => {
      assert.ok(e instanceof StartupError);
      assert.match(e.message, /^DISPOSITIONS_FILE: /);
      assert.ok(e.message.includes(`${file}: dispositions[0].resolved: `), e.message);
      return true;
    });
  });

  it('when the server starts on port 0, then it answers, and stop() lets an in-flight request finish before closing', async () => {
    const stores = await createStores({ inMemory: true });
    let pinged!: () => void;
    const arrived = new Promise<void>((resolve) => (pinged = resolve));
    const slowStores = { ...stores, ping: async () => (pinged(), await new Promise((r) => setTimeout(r, 300)), true) };
    const running = await startServer(testConfig({ DATA_DIR: dir }), { logger: silentLogger(), overrides: { stores: slowStores, hasher: testHasher, watchFiles: false, seedDemo: false } });
    try {
      assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
      const inFlight = fetch(`${running.url}/readyz`).then((r) => r.status);
      await arrived;
      await running.stop();
      assert.equal(await inFlight, 200, 'the request under way when stop() began was answered');
      await assert.rejects(fetch(`${running.url}/healthz`), 'no new connections after stop()');
    } finally {
      await running.stop();
      await stores.close();
    }
  });

  it('when the web process starts in production without PUBLIC_BASE_URL, then it exits 1 with one line naming it and never listens', async () => {
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), TWILIO_AUTH_TOKEN: 'y'.repeat(32), PORT: '0', DATA_DIR: dir };
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 1);
    assert.equal(err, 'invalid configuration:\n  PUBLIC_BASE_URL is required in production (URL the outside world (Twilio, browsers) uses to reach this server; Twilio signatures are checked against it, generated URLs (Direct Line streamUrl) take its scheme and host; development: http://localhost:<PORT>)\n');
    assert.doesNotMatch(out, /listening/);
  }).timeout(30_000);
});
