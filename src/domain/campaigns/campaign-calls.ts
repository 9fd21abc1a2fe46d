/**
 * What happens on a campaign's call, told by the carrier's callbacks and the person who answers:
 * answering-machine detection (a machine gets the voicemail once, after the beep), the final call
 * status (retried later within the campaign's limits; repeated callbacks change nothing), and the
 * conversation (PIN before any account detail, the quote, the order through the same use case
 * as every channel, or "not interested" / "call me later" / "don't call again").
 */
import type { Care } from '../care';
import type { Stores } from '../ports/store';
import type { Clock } from '../shared/ports';
import type { Actor } from '../shared/actor';
import type { Quote } from '../orders/order';
import type { Modification } from '../care';
import type { AnsweredBy, CallAttempt, CallFinalStatus, Campaign, CampaignTarget } from './campaign';
import type { DialScheduler, OutboundCalls } from './ports';
import { campaignQuestion, FINAL_TARGET_STATUSES, withoutNextAttempt } from './campaign';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { findProduct } from '../catalog/pricing';

export interface CampaignCallsDeps {
  stores: Pick<Stores, 'campaigns' | 'campaignTargets' | 'customers'>;
  clock: Clock;
  care: Pick<Care, 'verification' | 'orders' | 'catalog'>;
  calls: Pick<OutboundCalls, 'leaveVoicemail'>;
  scheduler: Pick<DialScheduler, 'schedule'>;
}

/** The call as the voice channel needs it: who, in which language, what is offered. */
export interface CampaignCall {
  campaign: Campaign;
  target: CampaignTarget;
  attempt: CallAttempt;
  firstName: string;
  offer: { productId: string; name: string };
}

export type PersonAnswer = 'not-interested' | 'call-later' | 'do-not-call';

export interface CampaignCalls {
  /** The call behind a callback: the target's attempt `n`, which must carry `callSid` (NOT_FOUND otherwise). */
  call(targetId: string, n: number, callSid: string): Promise<CampaignCall>;
  /** Async AMD: records who answered; a machine is sent to the voicemail once per target. Repeats change nothing. */
  answeredBy(targetId: string, n: number, callSid: string, who: AnsweredBy): Promise<{ voicemail: boolean }>;
  /** The final status callback: the attempt ends; the target is retried later or finished. Idempotent. */
  ended(targetId: string, n: number, callSid: string, status: CallFinalStatus): Promise<CampaignTarget>;
  /** PIN of the customer called: the actor for the quote and the order (VERIFICATION_FAILED, ACCOUNT_LOCKED otherwise). */
  verify(targetId: string, n: number, callSid: string, pin: string): Promise<void>;
  /** The offer's quote for this customer (after verify). */
  quote(targetId: string, n: number, callSid: string): Promise<Quote>;
  /** Orders the offer through the orders use case (idempotent per attempt); the target is converted. */
  order(targetId: string, n: number, callSid: string): Promise<{ orderId: string }>;
  /** Records what the person said. */
  answer(targetId: string, n: number, callSid: string, answer: PersonAnswer): Promise<void>;
}

const replaceAttempt = (t: CampaignTarget, n: number, change: Partial<CallAttempt>): CallAttempt[] => t.attempts.map((a) => (a.n === n ? { ...a, ...change } : a));

export function createCampaignCalls(deps: CampaignCallsDeps): CampaignCalls {
  const { stores, care } = deps;
  const nowIso = () => deps.clock.now().toISOString();

  /**
   * The carrier may call back before calls.create has answered us (a busy line answers at once):
   * an attempt still being placed takes the CallSid of its first (signed) callback.
   */
  async function bindCallSid(targetId: string, n: number, callSid: string): Promise<CampaignTarget | null> {
    const bound = await updateWithRetry(stores.campaignTargets, targetId, (t) => {
      const a = t.attempts.find((x) => x.n === n);
      if (!a || a.callSid || a.status !== 'placing') return null;
      return { ...t, attempts: replaceAttempt(t, n, { callSid }) };
    });
    return bound.attempts.find((a) => a.n === n)?.callSid === callSid ? bound : null;
  }

  async function call(targetId: string, n: number, callSid: string): Promise<CampaignCall> {
    let target = await stores.campaignTargets.get(targetId);
    let attempt = target?.attempts.find((a) => a.n === n);
    if (target && attempt && !attempt.callSid && attempt.status === 'placing') {
      target = await bindCallSid(targetId, n, callSid);
      attempt = target?.attempts.find((a) => a.n === n);
    }
    if (!target || !attempt || attempt.callSid !== callSid) fail('NOT_FOUND', 'no such campaign call', { targetId, n });
    const campaign = (await stores.campaigns.get(target.campaignId)) ?? fail('NOT_FOUND', 'no such campaign');
    const customer = (await stores.customers.get(target.customerId)) ?? fail('NOT_FOUND', 'no such customer');
    const productId = campaign.offer.kind === 'new-service' ? campaign.offer.productId : campaign.offer.toProductId;
    const product = findProduct(care.catalog.catalog(), productId);
    return { campaign, target, attempt, firstName: customer.firstName, offer: { productId, name: product?.name ?? productId } };
  }

  /** The verified customer of this call; NOT_VERIFIED before the PIN. */
  async function verifiedActor(c: CampaignCall): Promise<Actor> {
    if (!c.attempt.verifiedAt) fail('NOT_VERIFIED', 'the PIN comes before any account detail');
    return { kind: 'customer', channel: 'voice', verification: 'verified', customerId: c.target.customerId, source: c.target.phone };
  }

  async function modificationOf(actor: Actor, toProductId: string): Promise<{ serviceId: string; modification: Modification }> {
    for (const service of await care.orders.modifiableServices(actor)) {
      const allowed = await care.orders.allowedModifications(actor, service.id);
      const match = allowed.find((m) => m.modification.kind === 'change-product' && m.modification.toProductId === toProductId);
      if (match) return { serviceId: service.id, modification: match.modification };
    }
    return fail('MODIFICATION_NOT_ALLOWED', 'no service of this customer can change to the offered product', { toProductId });
  }

  /** Marks the person's answer on the customer's marketing answers (one per campaign), and the do-not-call flag. */
  async function onCustomer(target: CampaignTarget, answer: PersonAnswer | 'accepted', interactionId: string): Promise<void> {
    const question = campaignQuestion(target.campaignId);
    const at = nowIso();
    await updateWithRetry(stores.customers, target.customerId, (c) => ({
      ...c,
      marketing: [...c.marketing.filter((m) => m.questionId !== question), { questionId: question, answerId: answer, at, interactionId }],
      ...(answer === 'do-not-call' ? { doNotCall: { at, source: `campaign:${target.campaignId}` } } : {}),
    }));
  }

  return {
    call,

    async answeredBy(targetId, n, callSid, who) {
      await call(targetId, n, callSid);
      let sendVoicemail = false;
      await updateWithRetry(stores.campaignTargets, targetId, (t) => {
        const a = t.attempts.find((x) => x.n === n);
        if (!a || a.answeredBy) return null;
        sendVoicemail = who === 'machine' && !t.voicemailLeft;
        return {
          ...t,
          attempts: replaceAttempt(t, n, { answeredBy: who, ...(sendVoicemail ? { outcome: 'voicemail' as const, voicemailAt: nowIso() } : {}) }),
          ...(sendVoicemail ? { voicemailLeft: true } : {}),
          updatedAt: nowIso(),
        };
      });
      if (sendVoicemail) await deps.calls.leaveVoicemail(callSid, targetId, n);
      return { voicemail: sendVoicemail };
    },

    async ended(targetId, n, callSid, status) {
      const { campaign } = await call(targetId, n, callSid);
      let requeuedAt: string | undefined;
      const updated = await updateWithRetry(stores.campaignTargets, targetId, (t) => {
        const a = t.attempts.find((x) => x.n === n);
        if (!a || a.endedAt) return null;
        const at = deps.clock.now();
        const ended = { ...t, attempts: replaceAttempt(t, n, { status, endedAt: at.toISOString(), ...(a.answeredBy === 'human' && !a.outcome ? { outcome: 'hung-up' as const } : {}) }), updatedAt: at.toISOString() };
        if (t.status !== 'dialing' || FINAL_TARGET_STATUSES.includes(t.status)) return ended;
        if (t.attempts.length >= campaign.maxAttempts) return { ...withoutNextAttempt(ended), status: 'exhausted' as const };
        const later = a.outcome === 'call-later' ? campaign.callLaterHours * 3_600_000 : campaign.retryAfterMinutes * 60_000;
        requeuedAt = new Date(at.getTime() + later).toISOString();
        return { ...ended, status: 'queued' as const, nextAttemptAt: requeuedAt };
      });
      if (requeuedAt) await deps.scheduler.schedule(campaign.id, Math.max(0, new Date(requeuedAt).getTime() - deps.clock.now().getTime()));
      return updated;
    },

    async verify(targetId, n, callSid, pin) {
      const c = await call(targetId, n, callSid);
      await care.verification.verifyPin({ customerId: c.target.customerId, pin }, { channel: 'voice', source: c.target.phone });
      await updateWithRetry(stores.campaignTargets, targetId, (t) => ({ ...t, attempts: replaceAttempt(t, n, { verifiedAt: nowIso() }) }));
    },

    async quote(targetId, n, callSid) {
      const c = await call(targetId, n, callSid);
      const actor = await verifiedActor(c);
      const offer = c.campaign.offer;
      if (offer.kind === 'new-service') return care.orders.quoteNew(actor, { productId: offer.productId, ...(offer.config ? { config: offer.config } : {}) });
      const { serviceId, modification } = await modificationOf(actor, offer.toProductId);
      return care.orders.quoteModification(actor, serviceId, modification);
    },

    async order(targetId, n, callSid) {
      const c = await call(targetId, n, callSid);
      const actor = await verifiedActor(c);
      const offer = c.campaign.offer;
      const opts = { idempotencyKey: `campaign-${targetId}-${n}` };
      const order = offer.kind === 'new-service'
        ? await care.orders.submitNew(actor, { productId: offer.productId, ...(offer.config ? { config: offer.config } : {}) }, opts)
        : await (async () => {
            const { serviceId, modification } = await modificationOf(actor, offer.toProductId);
            return care.orders.submitModification(actor, serviceId, modification, opts);
          })();
      const at = nowIso();
      await updateWithRetry(stores.campaignTargets, targetId, (t): CampaignTarget => ({
        ...withoutNextAttempt(t),
        status: 'converted',
        conversion: { via: 'campaign-call', orderId: order.id, at },
        attempts: replaceAttempt(t, n, { outcome: 'sale', orderId: order.id }),
        updatedAt: at,
      }));
      await onCustomer(c.target, 'accepted', order.interactionId ?? '');
      return { orderId: order.id };
    },

    async answer(targetId, n, callSid, answer) {
      const c = await call(targetId, n, callSid);
      const status: CampaignTarget['status'] | undefined = answer === 'not-interested' ? 'declined' : answer === 'do-not-call' ? 'do-not-call' : undefined;
      await updateWithRetry(stores.campaignTargets, targetId, (t): CampaignTarget | null => {
        if (t.status === 'converted') return null;
        return { ...(status ? { ...withoutNextAttempt(t), status } : t), attempts: replaceAttempt(t, n, { outcome: answer }), updatedAt: nowIso() };
      });
      await onCustomer(c.target, answer, '');
    },
  };
}
