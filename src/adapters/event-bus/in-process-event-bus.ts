/** The event port within one process: listeners are called on the next microtask, in order. */
import type { CareEvent, CareEventListener, EventPort } from '../../domain/events/care-events';

/** Calls every listener; one that throws is reported and the rest still hear the event. */
export function fanOut(listeners: Iterable<CareEventListener>, event: CareEvent, onError: (err: unknown) => void): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (err) {
      onError(err);
    }
  }
}

export function createInProcessEventBus(opts: { onError?: (err: unknown) => void } = {}): EventPort {
  const listeners = new Set<CareEventListener>();
  const onError = opts.onError ?? (() => undefined);
  return {
    async publish(event) {
      // A structured copy: a listener must not see (or change) the publisher's object.
      const copy = structuredClone(event);
      await Promise.resolve();
      fanOut(listeners, copy, onError);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    ready: () => Promise.resolve(),
    close: async () => listeners.clear(),
  };
}
