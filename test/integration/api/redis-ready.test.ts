import assert from 'node:assert/strict';
import { createThrottle } from '../../../src/adapters/throttle';
import { demoPerson } from '../../../src/demo/demo-people';
import { countKeys, deleteKeys, DOWN_REDIS_URL, REDIS_URL, testPrefix } from '../redis/redis-test-keys';
import { signIn, startApi, testConfig, type Api } from './api-harness';
import { bootstrap, StartupError } from '../../../src/bootstrap';
import { silentLogger } from '../../../src/shared/logger';

describe('api: with Redis configured', () => {
  const prefix = testPrefix('api');
  let api: Api;
  before(async () => {
    // The real throttle on Redis (bootstrap builds it from the config), so its keys land under our prefix.
    api = await startApi({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix }, overrides: { throttle: undefined } });
  });
  after(async () => {
    await api.close();
    await deleteKeys(prefix);
  });

  it('when Redis answers, then /readyz reports both the store and Redis ready', async () => {
    const res = await api.http.get('/readyz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.checks, { store: 'ok', redis: 'ok' });
  });

  it('when a customer signs in, then the verification throttle counts in Redis under the configured prefix', async () => {
    await signIn(api, demoPerson('bundle'));
    assert.ok((await countKeys(prefix)) > 0);
  });

  it('when chat tokens, registrations and code sends are counted, then their budgets live in Redis under the configured prefix (shared by every instance)', async () => {
    await api.http.post('/chat/token').send({});
    await api.http.post('/api/v1/customers').set('Idempotency-Key', `redis-${Date.now()}`).send({});
    await api.http.post('/api/v1/sessions/one-time-code').send({ accountNumber: '99999999' });
    assert.equal(await countKeys(`${prefix}limit:chat-tokens:`), 1);
    assert.equal(await countKeys(`${prefix}limit:registrations:`), 1);
    assert.equal(await countKeys(`${prefix}limit:code-sends:customer:acct:99999999`), 1);
    assert.equal(await countKeys(`${prefix}limit:decoy:codes:acct:99999999`), 1);
  });

  it('when Redis cannot be reached at start-up, then bootstrap refuses naming REDIS_URL', async function () {
    this.timeout(15_000);
    await assert.rejects(
      bootstrap(testConfig({ REDIS_URL: DOWN_REDIS_URL }), { logger: silentLogger(), overrides: { inMemory: true, throttle: createThrottle({ points: 10, durationSec: 60 }), watchFiles: false, seedDemo: false } }),
      (e: unknown) => e instanceof StartupError && /^REDIS_URL: Redis is not reachable/.test(e.message),
    );
  });
});
