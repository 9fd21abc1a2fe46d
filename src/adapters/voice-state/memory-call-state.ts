/** In-process call state (REDIS_URL unset, one web process). Same contract as the Redis store. */
import type { CallState, CallStateStore, Versioned } from '../../channels/voice/call-state';

interface Entry {
  version: number;
  json: string;
  expiresAt: number;
}

export function createMemoryCallStateStore(opts: { ttlSec: number; now?: () => number }): CallStateStore {
  const now = opts.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const live = (sid: string): Entry | undefined => {
    const e = entries.get(sid);
    if (e && e.expiresAt <= now()) {
      entries.delete(sid);
      return undefined;
    }
    return e;
  };
  const sweep = () => {
    const t = now();
    for (const [sid, e] of entries) if (e.expiresAt <= t) entries.delete(sid);
  };
  return {
    async get(callSid): Promise<Versioned<CallState> | null> {
      const e = live(callSid);
      return e ? { version: e.version, value: JSON.parse(e.json) as CallState } : null;
    },
    async compareAndSet(callSid, expected, value) {
      const current = live(callSid)?.version ?? 0;
      if (current !== expected) return false;
      if (entries.size > 10_000) sweep();
      entries.set(callSid, { version: expected + 1, json: JSON.stringify(value), expiresAt: now() + opts.ttlSec * 1000 });
      return true;
    },
    async delete(callSid) {
      entries.delete(callSid);
    },
    async close() {
      entries.clear();
    },
  };
}
