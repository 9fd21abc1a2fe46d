/**
 * The dialer's scheduler in this process (REDIS_URL unset): one timer per campaign, the earliest
 * turn wins; a turn reschedules itself. Nothing survives a restart, so start-up schedules every
 * active campaign again (see createTelemarketing).
 */
import type { DialScheduler } from '../../domain/campaigns/ports';

export function createInProcessScheduler(): DialScheduler {
  const timers = new Map<string, { due: number; timer: NodeJS.Timeout }>();
  const waiting = new Set<string>();
  let turn: ((campaignId: string) => Promise<void>) | undefined;
  let closed = false;

  const fire = (campaignId: string) => {
    timers.delete(campaignId);
    if (closed) return;
    if (!turn) return void waiting.add(campaignId);
    void turn(campaignId);
  };

  return {
    async schedule(campaignId, delayMs) {
      if (closed) return;
      const delay = Math.max(0, Math.ceil(delayMs));
      const due = Date.now() + delay;
      const pending = timers.get(campaignId);
      if (pending && pending.due <= due) return;
      if (pending) clearTimeout(pending.timer);
      const timer = setTimeout(() => fire(campaignId), delay);
      timer.unref();
      timers.set(campaignId, { due, timer });
    },
    async start(run) {
      turn = run;
      for (const id of waiting) void run(id);
      waiting.clear();
    },
    async close() {
      closed = true;
      for (const { timer } of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
