import assert from 'node:assert/strict';
import type { Outbox } from '../../../../src/domain/submissions/outbox';
import { startOutboxLoop } from '../../../../src/domain/submissions/outbox-loop';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Collects drain errors so a test can assert there were none. */
const errorSink = () => {
  const errors: unknown[] = [];
  return { errors, onError: (e: unknown) => void errors.push(e) };
};

describe('outbox loop', () => {
  it('when started, then it drains repeatedly until stopped, and not after', async () => {
    let drains = 0;
    const outbox: Outbox = { deliver: async () => undefined, drainOnce: async () => (drains += 1, 0) };
    const sink = errorSink();
    const loop = startOutboxLoop(outbox, { pollMs: 5, onError: sink.onError });
    await tick(100);
    await loop.stop();
    assert.deepEqual(sink.errors, []);
    const atStop = drains;
    assert.ok(atStop >= 3, `drained ${atStop} times`);
    await tick(30);
    assert.equal(drains, atStop);
  });

  it('when stop is called during a drain, then it waits for that drain to finish', async () => {
    let release: () => void = () => undefined;
    let finished = false;
    const outbox: Outbox = {
      deliver: async () => undefined,
      drainOnce: () => new Promise<number>((resolve) => (release = () => ((finished = true), resolve(0)))),
    };
    const loop = startOutboxLoop(outbox, { pollMs: 5, onError: errorSink().onError });
    await tick(10);
    const stopped = loop.stop();
    setTimeout(() => release(), 20);
    await stopped;
    assert.equal(finished, true);
  });

  it('when a drain throws, then the error is reported and the loop keeps going', async () => {
    const errors: unknown[] = [];
    let drains = 0;
    const outbox: Outbox = {
      deliver: async () => undefined,
      drainOnce: async () => {
        drains += 1;
        if (drains === 1) throw new Error('store down');
        return 0;
      },
    };
    const loop = startOutboxLoop(outbox, { pollMs: 5, onError: (e) => errors.push(e) });
    await tick(40);
    await loop.stop();
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]), /store down/);
    assert.ok(drains >= 2);
  });

  it('when a drain found work, then the next one follows at once rather than after pollMs', async () => {
    let drains = 0;
    const outbox: Outbox = { deliver: async () => undefined, drainOnce: async () => ((drains += 1), drains < 5 ? 1 : 0) };
    const loop = startOutboxLoop(outbox, { pollMs: 10_000, onError: errorSink().onError });
    await tick(30);
    await loop.stop();
    assert.equal(drains, 5);
  });
});
