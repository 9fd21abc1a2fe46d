import assert from 'node:assert/strict';
import { createRedis, waitForRedis, type Redis } from '../../../src/adapters/redis';
import { createThrottle } from '../../../src/adapters/throttle';
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
});
