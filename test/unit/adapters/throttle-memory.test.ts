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
