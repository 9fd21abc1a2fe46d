import assert from 'node:assert/strict';
import { createThrottle } from '../../../src/adapters/throttle';

describe('throttle in memory', () => {
  it('when a key uses its budget, then the next consume is refused', async () => {
    const throttle = createThrottle({ points: 3, durationSec: 60 });
    const results = [];
    for (let i = 0; i < 4; i += 1) results.push(await throttle.consume('caller:+15550001'));
    assert.deepEqual(results, [true, true, true, false]);
  });

  it('when one key is over budget, then other keys are still allowed', async () => {
    const throttle = createThrottle({ points: 1, durationSec: 60 });
    await throttle.consume('a');
    assert.equal(await throttle.consume('a'), false);
    assert.equal(await throttle.consume('b'), true);
  });

  it('when the window has passed, then the key is allowed again', async () => {
    const throttle = createThrottle({ points: 1, durationSec: 1 });
    await throttle.consume('a');
    assert.equal(await throttle.consume('a'), false);
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await throttle.consume('a'), true);
  });
});

describe('rate limit in memory', () => {
  it('when a key is hit, then the state says what was spent and when the window ends; peek spends nothing; reset forgets', async () => {
    const limit = createThrottle({ points: 2, durationSec: 60 });
    assert.equal(await limit.peek('k'), null);
    const first = await limit.hit('k');
    assert.equal(first.allowed, true);
    assert.equal(first.consumed, 1);
    assert.ok(first.retryAfterMs > 59_000 && first.retryAfterMs <= 60_000);
    assert.equal((await limit.peek('k'))?.consumed, 1);
    await limit.hit('k');
    const over = await limit.hit('k');
    assert.deepEqual([over.allowed, over.consumed], [false, 3]);
    await limit.reset('k');
    assert.equal(await limit.peek('k'), null);
    assert.equal((await limit.hit('k')).allowed, true);
  });

  it('when a key goes over a budget with a block duration, then it stays refused for the block, not the window', async () => {
    const limit = createThrottle({ points: 1, durationSec: 60, blockDurationSec: 1800 });
    await limit.hit('k');
    const blocked = await limit.hit('k');
    assert.equal(blocked.allowed, false);
    assert.ok(blocked.retryAfterMs > 1_799_000, `blocked for ${blocked.retryAfterMs} ms`);
    assert.equal((await limit.peek('k'))?.allowed, false);
  });
});
