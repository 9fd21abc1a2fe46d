import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

function checkConfig(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-config.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('npm run check:config', () => {
  it('when the configuration, catalog and rules are sound, then it says so and exits 0', () => {
    const r = checkConfig({});

    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /configuration OK/);
    assert.match(r.out, /retention-offers \(\d+\)/);
  });

  it('when the catalog is bad, then it exits 1 naming file, place and reason', () => {
    const r = checkConfig({ CATALOG_FILE: 'test/fixtures/catalog/bad-promotion-window.json' });

    assert.equal(r.code, 1);
    assert.match(r.err, /test\/fixtures\/catalog\/bad-promotion-window\.json: promotions\[0\]\.validTo: validTo 2026-12-31 is before validFrom 2027-01-01/);
  });

  it('when a setting is invalid, then it exits 1 naming the variable', () => {
    const r = checkConfig({ PORT: 'eighty' });

    assert.equal(r.code, 1);
    assert.match(r.err, /PORT="eighty" is invalid/);
  });
});
