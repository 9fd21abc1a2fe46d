/**
 * The dialer's turn for one campaign: if the campaign is running and its pacing allows, the next
 * due target (inside its calling window, not suppressed) is claimed and called. Pacing is kept on
 * the campaign document (lastDialAt, written with its version), so duplicate or concurrent turns
 * (several processes, a retried job) never call faster than callsPerMinute, and a target is
 * claimed with its own version, so it is never called twice at once.
 */
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import { withoutNextAttempt, type Campaign, type CampaignTarget } from './campaign';
import type { DialScheduler, OutboundCalls } from './ports';
import { isDomainError } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { nextWindowOpening, withinWindow } from './calling-window';
import { suppressionOf } from './suppression';

export interface DialerDeps {
  stores: Pick<Stores, 'campaigns' | 'campaignTargets' | 'suppressions' | 'customers'>;
  clock: Clock;
  calls: OutboundCalls;
  scheduler: Pick<DialScheduler, 'schedule'>;
  /** Told about each call that could not be placed (logs). */
  onDialError?: (targetId: string, detail: string) => void;
}

/** What a turn did, and when the next is due (null: nothing more to do until a call ends or someone resumes). */
export interface TurnResult {
  dialed?: { targetId: string; callSid?: string };
  nextInMs: number | null;
}

const BATCH = 25;
const isConflict = (e: unknown) => isDomainError(e) && e.code === 'CONFLICT';

export interface Dialer {
  turn(campaignId: string): Promise<TurnResult>;
  /** A turn, then the next one scheduled (what the scheduler runs). */
  run(campaignId: string): Promise<void>;
}

export function createDialer(deps: DialerDeps): Dialer {
  const { stores } = deps;
  const intervalOf = (c: Campaign) => Math.ceil(60_000 / c.pacing.callsPerMinute);

  /** Takes the pacing slot: only one turn per interval wins the write. */
  async function reserveSlot(c: Campaign, at: Date): Promise<boolean> {
    try {
      await stores.campaigns.replace({ ...c, lastDialAt: at.toISOString() });
      return true;
    } catch (e) {
      if (isConflict(e)) return false;
      throw e;
    }
  }

  /** Is this target callable now? Moves it along (suppressed, later window) when not. */
  async function ready(c: Campaign, t: CampaignTarget, at: Date): Promise<boolean> {
    const customer = await stores.customers.get(t.customerId);
    const reason = customer ? await suppressionOf(stores, customer, t.phone || undefined, c) : 'no-phone';
    if (reason) {
      await stores.campaignTargets.replace({ ...t, status: 'suppressed', suppressedReason: reason, updatedAt: at.toISOString() }).catch((e: unknown) => {
        if (!isConflict(e)) throw e;
      });
      return false;
    }
    if (withinWindow(at, c.window, t.timeZone)) return true;
    const opens = nextWindowOpening(at, c.window, t.timeZone);
    const next = opens && opens.getTime() < new Date(c.endAt).getTime() ? opens.toISOString() : c.endAt;
    await stores.campaignTargets.replace({ ...t, nextAttemptAt: next, updatedAt: at.toISOString() }).catch((e: unknown) => {
      if (!isConflict(e)) throw e;
    });
    return false;
  }

  async function claim(t: CampaignTarget, at: Date): Promise<CampaignTarget | null> {
    try {
      return await stores.campaignTargets.replace({
        ...withoutNextAttempt(t),
        status: 'dialing',
        attempts: [...t.attempts, { n: t.attempts.length + 1, at: at.toISOString(), status: 'placing' }],
        updatedAt: at.toISOString(),
      });
    } catch (e) {
      if (isConflict(e)) return null;
      throw e;
    }
  }

  async function nextDue(c: Campaign, at: Date): Promise<number | null> {
    const [next] = await stores.campaignTargets.find({ campaignId: c.id, status: 'queued' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
    if (!next) return null;
    const due = Math.max(new Date(next.nextAttemptAt ?? at.toISOString()).getTime(), (c.lastDialAt ? new Date(c.lastDialAt).getTime() : 0) + intervalOf(c));
    return Math.max(0, due - at.getTime());
  }

  async function place(c: Campaign, t: CampaignTarget, at: Date): Promise<TurnResult['dialed']> {
    const n = t.attempts.length;
    const result = await deps.calls.place({ to: t.phone, targetId: t.id, attempt: n });
    if (!result.ok) deps.onDialError?.(t.id, result.detail);
    const retry = new Date(at.getTime() + c.retryAfterMinutes * 60_000).toISOString();
    await updateWithRetry(stores.campaignTargets, t.id, (latest): CampaignTarget | null => {
      const a = latest.attempts.find((x) => x.n === n);
      // A callback may have come first (binding the CallSid, or ending the attempt): only an attempt still placing changes.
      if (!a || a.status !== 'placing') return null;
      if (result.ok) return { ...latest, attempts: latest.attempts.map((x) => (x.n === n ? { ...x, status: 'placed' as const, callSid: result.callSid } : x)), updatedAt: at.toISOString() };
      const attempts = latest.attempts.map((x) => (x.n === n ? { ...x, status: 'not-placed' as const, error: result.detail.slice(0, 300) } : x));
      const next: Partial<CampaignTarget> = latest.status !== 'dialing' ? {} : n >= c.maxAttempts ? { status: 'exhausted' } : { status: 'queued', nextAttemptAt: retry };
      return { ...latest, ...next, attempts, updatedAt: at.toISOString() };
    });
    return { targetId: t.id, ...(result.ok ? { callSid: result.callSid } : {}) };
  }

  async function turn(campaignId: string): Promise<TurnResult> {
    const at = deps.clock.now();
    const c = await stores.campaigns.get(campaignId);
    if (!c || c.status !== 'active') return { nextInMs: null };
    if (at.getTime() >= new Date(c.endAt).getTime()) {
      await stores.campaigns.replace({ ...c, status: 'ended', updatedAt: at.toISOString(), history: [...c.history, { action: 'ended', at: at.toISOString(), by: 'system' }] }).catch((e: unknown) => {
        if (!isConflict(e)) throw e;
      });
      return { nextInMs: null };
    }
    if (at.getTime() < new Date(c.startAt).getTime()) return { nextInMs: new Date(c.startAt).getTime() - at.getTime() };
    if (c.lastDialAt && at.getTime() - new Date(c.lastDialAt).getTime() < intervalOf(c)) return { nextInMs: new Date(c.lastDialAt).getTime() + intervalOf(c) - at.getTime() };

    const due = await stores.campaignTargets.find({ campaignId, status: 'queued', nextAttemptAt: { $lte: at.toISOString() } }, { sort: { nextAttemptAt: 1 }, limit: BATCH });
    for (const candidate of due) {
      if (!(await ready(c, candidate, at))) continue;
      // Paused (or edited) since this turn began? Then the write fails and nothing is called.
      if (!(await reserveSlot(c, at))) return { nextInMs: 0 };
      const claimed = await claim(candidate, at);
      if (!claimed) return { nextInMs: intervalOf(c) };
      const dialed = await place(c, claimed, at);
      return { dialed, nextInMs: await nextDue({ ...c, lastDialAt: at.toISOString() }, at) };
    }
    return { nextInMs: await nextDue(c, at) };
  }

  return {
    turn,
    async run(campaignId) {
      const { nextInMs } = await turn(campaignId);
      if (nextInMs !== null) await deps.scheduler.schedule(campaignId, nextInMs);
    },
  };
}
