/** One webhook per call at a time: in process on the first one's promise, across processes on the store's lock. */
import assert from 'node:assert/strict';
import { createCallSerializer } from '../../../src/channels/voice/call-serializer';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('voice: call serializer', () => {
  it('when two requests for one call overlap in a process, then the second starts only after the first has finished', async () => {
    const serializer = createCallSerializer({});
    const log: string[] = [];
    const first = deferred();
    const a = serializer.run('CA1', async () => {
      log.push('a start');
      await first.promise;
      log.push('a end');
      return 'a';
    });
    const b = serializer.run('CA1', async () => {
      log.push('b start');
      return 'b';
    });
    await Promise.resolve();
    assert.deepEqual(log, ['a start'], 'b waits');
    first.resolve();
    assert.deepEqual(await Promise.all([a, b]), ['a', 'b']);
    assert.deepEqual(log, ['a start', 'a end', 'b start']);
  });

  it('when the first request fails, then the next one for the call still runs', async () => {
    const serializer = createCallSerializer({});
    const a = serializer.run('CA1', async () => {
      throw new Error('boom');
    });
    const b = serializer.run('CA1', async () => 'b');
    await assert.rejects(a, /boom/);
    assert.equal(await b, 'b');
  });

  it('when requests are for different calls, then they run side by side', async () => {
    const serializer = createCallSerializer({});
    const log: string[] = [];
    const first = deferred();
    const a = serializer.run('CA1', async () => {
      log.push('a start');
      await first.promise;
    });
    const b = serializer.run('CA2', async () => void log.push('b start'));
    await b;
    assert.deepEqual(log, ['a start', 'b start']);
    first.resolve();
    await a;
  });

  it('when another process holds the call lock, then the request waits for it and releases its own after running', async () => {
    let heldElsewhere = true;
    const events: string[] = [];
    const store = {
      async lock() {
        if (heldElsewhere) return null;
        events.push('locked');
        return async () => void events.push('released');
      },
    };
    let waits = 0;
    const serializer = createCallSerializer(store, {
      retryMs: 20,
      wait: async () => {
        waits += 1;
        if (waits === 3) heldElsewhere = false; // the other process finishes
      },
    });
    await serializer.run('CA1', async () => void events.push('work'));
    assert.equal(waits, 3);
    assert.deepEqual(events, ['locked', 'work', 'released']);
  });

  it('when the lock cannot be had within the longest wait, or Redis fails, then the request goes ahead rather than hang', async () => {
    const never = createCallSerializer({ lock: async () => null }, { retryMs: 20, maxWaitMs: 100, wait: async () => undefined });
    assert.equal(await never.run('CA1', async () => 'went'), 'went');
    const broken = createCallSerializer({ lock: async () => Promise.reject(new Error('redis down')) }, { wait: async () => undefined });
    assert.equal(await broken.run('CA1', async () => 'went'), 'went');
  });
});
