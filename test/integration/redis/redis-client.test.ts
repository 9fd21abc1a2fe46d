import assert from 'node:assert/strict';
import { createRedis, pingRedis, waitForRedis, type Redis } from '../../../src/adapters/redis';
import { countKeys, deleteKeys, DOWN_REDIS_URL, REDIS_URL, testPrefix } from './redis-test-keys';

describe('redis client', () => {
  const prefix = testPrefix('redis-client');
  const clients: Redis[] = [];
  const client = (url: string, keyPrefix?: string) => {
    const c = createRedis(url, { keyPrefix, name: 'telecare-test' });
    clients.push(c);
    return c;
  };
  after(async () => {
    for (const c of clients) c.disconnect();
    await deleteKeys(prefix);
  });

  it('when Redis is up, then waitForRedis resolves and pingRedis is true', async () => {
    const redis = client(REDIS_URL, prefix);
    await waitForRedis(redis, 2000);
    assert.equal(await pingRedis(redis), true);
  });

  it('when a key prefix is given, then every key written carries it', async () => {
    const redis = client(REDIS_URL, prefix);
    await waitForRedis(redis, 2000);
    await redis.set('greeting', 'hello', 'EX', 60);
    assert.equal(await redis.get('greeting'), 'hello');
    assert.equal(await countKeys(`${prefix}greeting`), 1);
  });

  it('when Redis is down, then pingRedis is false and waitForRedis rejects after its time', async () => {
    const redis = client(DOWN_REDIS_URL);
    const started = Date.now();
    assert.equal(await pingRedis(redis), false);
    await assert.rejects(waitForRedis(redis, 300), /not ready after 300 ms/);
    assert.ok(Date.now() - started < 1500);
  });

  it('when Redis is down, then a command fails at once instead of queueing', async () => {
    const redis = client(DOWN_REDIS_URL);
    const started = Date.now();
    await assert.rejects(redis.get('anything'));
    assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
  });
});
