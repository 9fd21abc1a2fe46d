import type { CareDeps } from '../deps';
import { redactCardData } from '../interactions/redaction';
import type { EscalationsApi, InteractionsApi } from '../care';
import type { Actor } from '../shared/actor';
import type { Interaction } from '../interactions/interaction';
import type { AbandonReason, Escalation, Skill } from './escalation';
import { appendStep } from '../interactions/interactions-api';
import { fail, isDomainError } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { buildContextPack } from './context-pack';
import { estimateWaitSec, RECENT_WINDOW_MS } from './estimated-wait';
import { latestRefusal } from '../shared/refusal';
import { toE164 } from '../customers/phone';
import { CALLBACK_HORIZON_DAYS } from './escalation';

/** The time a callback was asked for: undefined for "now" (absent, or not in the future); refused past the horizon. */
function callbackTime(at: string | undefined, now: Date): string | undefined {
  if (at === undefined) return undefined;
  const t = Date.parse(at);
  if (Number.isNaN(t)) fail('VALIDATION_FAILED', 'not a date and time', { field: 'at' });
  if (t <= now.getTime()) return undefined;
  if (t > now.getTime() + CALLBACK_HORIZON_DAYS * 86_400_000) fail('VALIDATION_FAILED', `a callback can be booked up to ${CALLBACK_HORIZON_DAYS} days ahead`, { field: 'at', maxDays: CALLBACK_HORIZON_DAYS });
  return new Date(t).toISOString();
}

/**
 * Hand-off to a person with everything already said and done. Works for any actor, including
 * an unverified or locked one: a customer who cannot prove who they are can still reach a CSR.
 */
export function createEscalationsApi(deps: Pick<CareDeps, 'stores' | 'clock' | 'ids' | 'events'> & Partial<Pick<CareDeps, 'rules'>>, apis: { interactions: InteractionsApi }): EscalationsApi {
  const coll = deps.stores.escalations;

  async function interactionFor(actor: Actor, interactionId: string): Promise<Interaction> {
    const i = await apis.interactions.get(interactionId);
    if (i.customerId && actor.kind === 'customer' && actor.customerId && actor.customerId !== i.customerId) fail('NOT_FOUND', 'no such interaction', { interactionId });
    return i;
  }

  async function byId(escalationId: string): Promise<Escalation> {
    const e = await coll.get(escalationId);
    if (!e) fail('NOT_FOUND', 'no such escalation', { escalationId });
    return e;
  }

  /** Marks the interaction handed off (idempotent): status, link, and the draft no longer resumable. */
  async function markEscalated(interactionId: string, e: Escalation): Promise<void> {
    await updateWithRetry(deps.stores.interactions, interactionId, (i): Interaction | null => {
      if (i.links.escalationId === e.id) return null;
      const at = deps.clock.now().toISOString();
      const procedure = i.procedure && i.procedure.status === 'open' && !i.procedure.closed ? { ...i.procedure, closed: { reason: 'escalated' as const, at } } : i.procedure;
      return {
        ...i,
        status: i.status === 'open' || i.status === 'abandoned' ? 'escalated' : i.status,
        links: { ...i.links, escalationId: e.id },
        ...(procedure ? { procedure } : {}),
        steps: appendStep(i, { at, name: 'escalated', ...(i.procedure ? { procedure: i.procedure.name } : {}), detail: { escalationId: e.id, skill: e.skill } }),
      };
    });
  }

  async function position(escalationId: string): Promise<number> {
    const e = await byId(escalationId);
    if (e.status !== 'queued') return 0;
    // Callbacks booked for later are not in the line yet: they do not count ahead of anyone.
    const later = { 'callback.at': { $gt: now() } };
    const [moreUrgent, earlier, moreUrgentLater, earlierLater] = await Promise.all([
      coll.count({ status: 'queued', skill: e.skill, priority: { $lt: e.priority } }),
      coll.count({ status: 'queued', skill: e.skill, priority: e.priority, createdAt: { $lt: e.createdAt } }),
      coll.count({ status: 'queued', skill: e.skill, priority: { $lt: e.priority }, ...later }),
      coll.count({ status: 'queued', skill: e.skill, priority: e.priority, createdAt: { $lt: e.createdAt }, ...later }),
    ]);
    return 1 + moreUrgent - moreUrgentLater + earlier - earlierLater;
  }

  const now = () => deps.clock.now().toISOString();
  const publish = (e: Escalation, event: { type: 'escalation.assigned'; staffId: string } | { type: 'escalation.resolved'; staffId?: string; disposition?: string } | { type: 'escalation.abandoned' }) =>
    deps.events.publish({ ...event, at: now(), escalationId: e.id, skill: e.skill });

  /** Idempotent: only a queued escalation is abandoned; one a CSR already took is kept as it is. */
  async function abandon(escalationId: string, reason: AbandonReason): Promise<Escalation> {
    await byId(escalationId);
    let changed = false;
    const e = await updateWithRetry(coll, escalationId, (cur): Escalation | null => {
      // A callback item stays queued after the caller hangs up: that is the point of it.
      if (cur.status !== 'queued' || cur.callback) return null;
      changed = true;
      const at = now();
      return { ...cur, status: 'abandoned' as const, closedAt: at, abandoned: { reason, at } };
    });
    if (changed) {
      await publish(e, { type: 'escalation.abandoned' });
      await apis.interactions.note(e.interactionId, { name: 'escalation.abandoned', detail: { escalationId, reason } }).catch(() => undefined);
    }
    return e;
  }

  return {
    async escalate(actor, interactionId, input) {
      const i = await interactionFor(actor, interactionId);
      const idempotencyKey = `escalation:${interactionId}`;
      let escalation = await coll.findOne({ idempotencyKey });
      if (!escalation) {
        // A person taking over after a refusal is told the refusal, not only "customer asked for an agent".
        const refusal = latestRefusal(i.steps);
        const reason = refusal ? `refused (${refusal.reasonCode}): ${refusal.reason}` : input.reason;
        const { pack, priority } = await buildContextPack(deps, actor, i, { ...input, reason });
        try {
          escalation = await coll.insert({
            id: deps.ids.next('esc'),
            interactionId,
            ...(i.customerId ?? actor.customerId ? { customerId: i.customerId ?? actor.customerId } : {}),
            channel: i.channel,
            ...(i.channelRef ? { channelRef: i.channelRef } : {}),
            skill: pack.skill,
            priority: input.priority ?? priority,
            reason: redactCardData(reason),
            status: 'queued',
            context: pack,
            createdAt: deps.clock.now().toISOString(),
            idempotencyKey,
          });
          const q = escalation;
          await deps.events.publish({ type: 'escalation.queued', at: q.createdAt, escalationId: q.id, skill: q.skill, channel: q.channel, priority: q.priority, interactionId, ...(q.customerId ? { customerId: q.customerId } : {}) });
        } catch (e) {
          if (!(isDomainError(e) && e.code === 'DUPLICATE')) throw e;
          escalation = await coll.findOne({ idempotencyKey });
          if (!escalation) throw e;
        }
      }
      await markEscalated(interactionId, escalation);
      return escalation;
    },

    position,

    async estimatedWaitSec(escalationId) {
      const e = await byId(escalationId);
      if (e.status !== 'queued') return undefined;
      const since = new Date(deps.clock.now().getTime() - RECENT_WINDOW_MS).toISOString();
      const [place, resolved] = await Promise.all([position(escalationId), coll.find({ status: 'resolved', skill: e.skill, closedAt: { $gte: since } })]);
      return estimateWaitSec(place, resolved);
    },

    async queue(filter: { skill?: Skill; status?: Escalation['status'] }) {
      const found = await coll.find({ status: filter.status ?? 'queued', ...(filter.skill ? { skill: filter.skill } : {}) });
      return found.sort((a, b) => a.priority - b.priority || a.createdAt.localeCompare(b.createdAt));
    },

    async assign(escalationId, csrId) {
      await byId(escalationId);
      let won = false;
      // A conditional write on the escalation's version: of two CSRs racing, the second re-reads it taken.
      const e = await updateWithRetry(coll, escalationId, (e) => {
        if (e.status === 'resolved' || e.status === 'abandoned') fail('VALIDATION_FAILED', 'the escalation is closed', { status: e.status });
        if (e.status === 'assigned' && e.assignedTo === csrId) return null;
        if (e.status === 'assigned') fail('CONFLICT', 'another CSR has already taken this escalation', { escalationId });
        won = true;
        return { ...e, status: 'assigned' as const, assignedTo: csrId, assignedAt: now() };
      });
      if (won) await publish(e, { type: 'escalation.assigned', staffId: csrId });
      return e;
    },

    async resolve(escalationId, resolution) {
      await byId(escalationId);
      let changed = false;
      const e = await updateWithRetry(coll, escalationId, (e) => {
        if (e.status === 'resolved') return null;
        changed = true;
        return { ...e, status: 'resolved' as const, closedAt: now(), ...(resolution ? { resolution: { ...resolution } } : {}) };
      });
      if (changed) await publish(e, { type: 'escalation.resolved', ...(resolution?.by ? { staffId: resolution.by } : {}), ...(resolution?.disposition ? { disposition: resolution.disposition } : {}) });
      return e;
    },

    abandon,

    async customerLeft(interactionId, reason) {
      const waiting = await coll.findOne({ interactionId, status: 'queued' });
      return waiting ? abandon(waiting.id, reason) : null;
    },

    async requeue(escalationId) {
      await byId(escalationId);
      let changed = false;
      const e = await updateWithRetry(coll, escalationId, (cur): Escalation | null => {
        if (cur.status !== 'assigned') return null;
        changed = true;
        const { assignedTo: _by, assignedAt: _at, ...rest } = cur;
        return { ...rest, status: 'queued' as const };
      });
      if (changed) {
        await deps.events.publish({ type: 'escalation.queued', at: now(), escalationId: e.id, skill: e.skill, channel: e.channel, priority: e.priority, interactionId: e.interactionId, ...(e.customerId ? { customerId: e.customerId } : {}) });
        await apis.interactions.note(e.interactionId, { name: 'escalation.requeued', detail: { escalationId } }).catch(() => undefined);
      }
      return e;
    },

    async requestCallback(escalationId, input) {
      const number = toE164(input.number);
      if (!number) fail('VALIDATION_FAILED', 'not a phone number we can call', { field: 'number' });
      const at = callbackTime(input.at, deps.clock.now());
      await byId(escalationId);
      const e = await updateWithRetry(coll, escalationId, (cur): Escalation | null => {
        if (cur.status !== 'queued') fail('CONFLICT', 'only a waiting escalation can become a callback', { status: cur.status });
        if (cur.callback) return null;
        return { ...cur, callback: { number, ...(input.via ? { via: input.via } : {}), requestedAt: now(), ...(at ? { at } : {}) } };
      });
      await apis.interactions.note(e.interactionId, { name: 'escalation.callback-requested', detail: { escalationId, ...(e.callback?.at ? { at: e.callback.at } : {}) } }).catch(() => undefined);
      return e;
    },

    async announceDueCallbacks() {
      const due = await coll.find({ status: 'queued', 'callback.at': { $lte: now() } });
      const announced: Escalation[] = [];
      for (const found of due.filter((e) => !e.callback?.announcedAt)) {
        let changed = false;
        // One process announces each (a conditional write on the version); the others see it done.
        const e = await updateWithRetry(coll, found.id, (cur): Escalation | null => {
          if (cur.status !== 'queued' || !cur.callback || cur.callback.announcedAt) return null;
          changed = true;
          return { ...cur, callback: { ...cur.callback, announcedAt: now() } };
        });
        if (!changed) continue;
        await deps.events.publish({ type: 'escalation.queued', at: now(), escalationId: e.id, skill: e.skill, channel: e.channel, priority: e.priority, interactionId: e.interactionId, ...(e.customerId ? { customerId: e.customerId } : {}) });
        announced.push(e);
      }
      return announced;
    },

    async contextPack(actor, interactionId, skill) {
      const i = await interactionFor(actor, interactionId);
      return (await buildContextPack(deps, actor, i, { ...(skill ? { skill } : {}) })).pack;
    },
  };
}
