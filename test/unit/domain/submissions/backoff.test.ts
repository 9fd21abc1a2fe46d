import assert from 'node:assert/strict';
import { backoffDelayMs, errorText } from '../../../../src/domain/submissions/backoff';

describe('outbox back-off', () => {
  const mid = () => 0.5;

  it('when attempts fail in a row, then the delay doubles from the base delay', () => {
    const delays = [1, 2, 3, 4].map((a) => backoffDelayMs(a, { baseDelayMs: 1000, maxDelayMs: 60_000, random: mid }));
    assert.deepEqual(delays, [1000, 2000, 4000, 8000]);
  });

  it('when the doubling passes the cap, then the cap holds', () => {
    assert.equal(backoffDelayMs(20, { baseDelayMs: 1000, maxDelayMs: 30_000, random: mid }), 30_000);
    assert.equal(backoffDelayMs(500, { baseDelayMs: 1000, maxDelayMs: 30_000, random: mid }), 30_000);
  });

  it('when jitter is drawn, then the delay stays within ±20%', () => {
    assert.equal(backoffDelayMs(1, { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 0 }), 800);
    assert.equal(backoffDelayMs(1, { baseDelayMs: 1000, maxDelayMs: 60_000, random: () => 1 }), 1200);
    for (let i = 0; i < 50; i += 1) {
      const d = backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 60_000 });
      assert.ok(d >= 320 && d <= 480, `delay ${d}`);
    }
  });

  it('when an error is recorded, then it is a bounded message without a stack', () => {
    const long = new Error('x'.repeat(2000));
    assert.ok(errorText(long).length <= 500);
    assert.equal(errorText(new TypeError('bad')), 'TypeError: bad');
    assert.equal(errorText('plain'), 'plain');
  });
});
