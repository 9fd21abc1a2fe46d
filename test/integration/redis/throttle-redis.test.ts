import assert from 'node:assert/strict';
import { createRedis, waitForRedis, type Redis } from '../../../src/adapters/redis';
import { createThrottle } from '../../../src/adapters/throttle';
import { createAbuseLimits } from '../../../src/adapters/throttle/abuse-limits';
import { countKeys, deleteKeys, DOWN_REDIS_URL, REDIS_URL, testPrefix } from './redis-test-keys';

describe('throttle on Redis', () => {
  const prefix = testPrefix('throttle');
  let redis: Redis;
  let down: Redis;

  before(async () => {
    redis = createRedis(REDIS_URL, { keyPrefix: prefix });
    down = createRedis(DOWN_REDIS_URL, { keyPrefix: prefix });
    await waitForRedis(redis, 2000);
  });
  after(async () => {
    redis.disconnect();
    down.disconnect();
    await deleteKeys(prefix);
  });

  it('when two server instances throttle the same key, then they share one budget in Redis', async () => {
    const first = createThrottle({ points: 3, durationSec: 60, redis, keyPrefix: 'verify' });
    const second = createThrottle({ points: 3, durationSec: 60, redis, keyPrefix: 'verify' });
    const results = [await first.consume('+15550001'), await second.consume('+15550001'), await first.consume('+15550001'), await second.consume('+15550001')];
    assert.deepEqual(results, [true, true, true, false]);
    assert.equal(await countKeys(`${prefix}verify:+15550001`), 1);
  });

  it('when the key prefixes differ, then the budgets are separate', async () => {
    const a = createThrottle({ points: 1, durationSec: 60, redis, keyPrefix: 'a' });
    const b = createThrottle({ points: 1, durationSec: 60, redis, keyPrefix: 'b' });
    assert.equal(await a.consume('k'), true);
    assert.equal(await a.consume('k'), false);
    assert.equal(await b.consume('k'), true);
  });

  it('when Redis is down, then the in-memory insurance still limits and nobody is locked out', async () => {
    const throttle = createThrottle({ points: 2, durationSec: 60, redis: down, keyPrefix: 'verify' });
    const results = [await throttle.consume('+15550002'), await throttle.consume('+15550002'), await throttle.consume('+15550002')];
    assert.deepEqual(results, [true, true, false]);
    assert.equal(await throttle.consume('+15550003'), true);
  });

  it('when one instance locks a decoy account or spends a customer\'s code sends, then another instance sees it through Redis', async () => {
    const policy = { lockoutThreshold: 3, lockoutMinutes: 30, oneTimeCodeMinutes: 10 };
    const codeSends = { perCustomer: 2, perSource: 10, windowMinutes: 15 };
    const first = createAbuseLimits({ policy, codeSends, redis });
    const second = createAbuseLimits({ policy, codeSends, redis });
    const hits = [await first.decoyFailures.hit('acct:99999999'), await second.decoyFailures.hit('acct:99999999'), await first.decoyFailures.hit('acct:99999999')];
    assert.deepEqual(hits.map((h) => h.allowed), [true, true, false]);
    const locked = await second.decoyFailures.peek('acct:99999999');
    assert.equal(locked?.allowed, false);
    assert.ok((locked?.retryAfterMs ?? 0) > 29 * 60_000, `locked for ${locked?.retryAfterMs} ms`);
    assert.deepEqual([(await first.codeSendsPerCustomer.hit('customer:c1')).allowed, (await second.codeSendsPerCustomer.hit('customer:c1')).allowed, (await first.codeSendsPerCustomer.hit('customer:c1')).allowed], [true, true, false]);
    assert.equal(await countKeys(`${prefix}limit:decoy:failures:acct:99999999`), 1);
    await second.decoyCodes.hit('acct:99999999');
    await first.decoyCodes.reset('acct:99999999');
    assert.equal(await second.decoyCodes.peek('acct:99999999'), null);
  });
});
