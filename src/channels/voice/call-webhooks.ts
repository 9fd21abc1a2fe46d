/**
 * What each webhook does with the call state: one read, the flow step, one compare-and-set
 * write. A retried or stale webhook gets the TwiML already given; a lost race re-reads.
 * Redis trouble or any unexpected error: the caller hears an apology and is queued.
 */
import crypto from 'node:crypto';
import type { Ctx } from '../../domain/care';
import type { InteractionStatus } from '../../domain/interactions/interaction';
import { anonymous, type Actor } from '../../domain/shared/actor';
import { isDomainError } from '../../domain/shared/errors';
import type { CallState, CallStateStore } from './call-state';
import { createCallSerializer, type CallSerializer } from './call-serializer';
import { answerCall, createTurn, startCall } from './interpreter/run-flow';
import type { CallerInput } from './interpreter/matching';
import type { VoiceRuntime } from './interpreter/turn';
import type { TwimlRenderer } from './twiml/render-twiml';
import type { SpeechPlan } from './twiml/speech-plan';
import type { CallParams } from './webhook-params';

export interface CallWebhooks {
  incoming(p: CallParams): Promise<string>;
  /** `signature`: the request's X-Twilio-Signature (already verified), reused as the retry key. */
  step(p: CallParams, seq: number, input: CallerInput, signature?: string): Promise<string>;
  status(p: CallParams): Promise<void>;
  /** Static: apologise and queue (Fallback URL, Redis down). Never throws. */
  apology(locale?: 'en' | 'es'): string;
  wait(locale: string): string;
}

export interface CallWebhookDeps {
  rt: VoiceRuntime;
  store: CallStateStore;
  renderer: TwimlRenderer;
  /** Keys the request hash kept in the call state (so no digits are stored). */
  secret: string;
  now?: () => Date;
  /** One request per call at a time (default: in process, plus the store's lock when it has one). */
  serializer?: CallSerializer;
}

/** Twilio's final call statuses (status callback); anything else is progress, not an end. */
const CALL_ENDED: ReadonlySet<string> = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

const SYSTEM_ACTOR: Actor = { kind: 'system', channel: 'voice', verification: 'none' };

export function createCallWebhooks(deps: CallWebhookDeps): CallWebhooks {
  const { rt, store, renderer } = deps;
  const { flows, care, logger } = rt;
  const now = deps.now ?? (() => new Date());
  const serializer = deps.serializer ?? createCallSerializer(store);
  const generalQueue = flows.settings.queues.general ?? 'general';
  const requestKey = (seq: number | string, input: CallerInput) => crypto.createHmac('sha256', deps.secret).update(`${seq}|${input.digits}|${input.speech}`).digest('base64url').slice(0, 22);
  const ctxOf = (p: CallParams): Ctx => ({ channel: 'voice', source: p.From });

  const apologyCache = new Map<string, string>();
  function apology(locale?: 'en' | 'es'): string {
    const key = locale ?? 'all';
    let xml = apologyCache.get(key);
    if (!xml) {
      const locales = locale ? [locale] : flows.settings.locales;
      const say = locales.map((l) => ({ locale: l, text: flows.locales[l].prompts['fallback.apology'] ?? '' }));
      const plan: SpeechPlan = { locale: locales[0], say, end: { kind: 'enqueue', queue: generalQueue, waitUrl: `${rt.waitUrl}?l=${locales[0]}` } };
      xml = renderer.render(plan, 0);
      apologyCache.set(key, xml);
    }
    return xml;
  }

  /** A caller who hangs up while queued leaves the queue (an escalation a CSR already took is kept). */
  async function leaveQueue(callSid: string, escalationId: string | undefined): Promise<void> {
    if (!escalationId) return;
    try {
      await care.escalations.abandon(escalationId, 'hung-up');
    } catch (e) {
      logger.warn({ callSid, escalationId, err: e instanceof Error ? e.message : String(e) }, 'voice: could not take an ended call out of the queue');
    }
  }

  /** Best effort, bounded: record an escalation for a call whose state we lost. */
  function escalateLostCall(callSid: string): void {
    const work = (async () => {
      const interaction = await care.interactions.byChannelRef('voice', callSid);
      if (interaction) await care.escalations.escalate(SYSTEM_ACTOR, interaction.id, { reason: 'voice: call state unavailable', skill: 'general' });
    })();
    work.catch((e: unknown) => logger.warn({ callSid, err: e instanceof Error ? e.message : String(e) }, 'voice: could not record escalation for a call without state'));
  }

  function outage(callSid: string, e: unknown, locale?: 'en' | 'es'): string {
    logger.error({ callSid, err: e instanceof Error ? e.message : String(e) }, 'voice: call state unavailable; apologising and queueing');
    escalateLostCall(callSid);
    return apology(locale);
  }

  async function runSafely(state: CallState, ctx: Ctx, work: (t: ReturnType<typeof createTurn>) => Promise<SpeechPlan>): Promise<SpeechPlan> {
    const turn = createTurn(rt, state, ctx);
    try {
      return await work(turn);
    } catch (e) {
      logger.error({ callSid: state.callSid, node: state.node, code: isDomainError(e) ? e.code : undefined, err: e instanceof Error ? e.message : String(e) }, 'voice: step failed; handing over to an agent');
      const again = createTurn(rt, state, ctx);
      return again.toAgent([again.say('error.unexpected')]);
    }
  }

  async function save(callSid: string, version: number, state: CallState, xml: string, key: string): Promise<string> {
    if (await store.compareAndSet(callSid, version, state)) return xml;
    const winner = await store.get(callSid);
    if (winner?.value.lastKey === key && winner.value.lastTwiml) return winner.value.lastTwiml;
    return winner?.value.lastTwiml ?? xml;
  }

  return {
    apology,
    wait(locale) {
      const l = flows.settings.locales.find((x) => x === locale) ?? flows.settings.locales[0];
      return renderer.render({ locale: l, say: [{ text: flows.locales[l].prompts['wait.message'] ?? '' }], end: { kind: 'play-loop', url: flows.settings.holdMusicUrl } }, 0);
    },

    async incoming(p) {
      const callSid = p.CallSid;
      const key = requestKey('incoming', { digits: '', speech: '' });
      let existing;
      try {
        existing = await store.get(callSid);
      } catch (e) {
        return outage(callSid, e);
      }
      if (existing?.value.lastTwiml) return existing.value.lastTwiml;
      const from = p.From ?? '';
      const actor = anonymous('voice', from);
      const ctx = ctxOf(p);
      let interactionId: string | undefined;
      try {
        const open = await care.interactions.byChannelRef('voice', callSid);
        interactionId = (open ?? (await care.interactions.start(actor, { channel: 'voice', channelRef: callSid }))).id;
      } catch (e) {
        logger.error({ callSid, err: e instanceof Error ? e.message : String(e) }, 'voice: could not open the interaction');
        return apology();
      }
      const state: CallState = {
        callSid, from, startedAt: now().toISOString(), seq: 1, node: flows.start, locale: flows.settings.locales[0],
        attempts: 0, page: 0, actor, interactionId, accountTries: 0, outcomes: [], status: 'active',
      };
      const plan = await runSafely(state, ctx, (t) => startCall(t));
      const xml = renderer.render(plan, state.seq);
      state.lastKey = key;
      state.lastTwiml = xml;
      try {
        return await save(callSid, existing?.version ?? 0, state, xml, key);
      } catch (e) {
        return outage(callSid, e);
      }
    },

    step(p, seq, input, signature) {
      // A retry racing the first request waits for it, then replays its answer (never contradicts it).
      return serializer.run(p.CallSid, async () => {
        const callSid = p.CallSid;
        let current;
        try {
          current = await store.get(callSid);
        } catch (e) {
          return outage(callSid, e);
        }
        if (!current) {
          logger.warn({ callSid }, 'voice: step for an unknown or expired call');
          return apology();
        }
        const state = current.value;
        // A verified signature already is a keyed hash of URL (with seq) and params: a Twilio retry repeats it.
        const key = signature ?? requestKey(seq, input);
        if (state.lastKey === key && state.lastTwiml) return state.lastTwiml;
        if (seq !== state.seq || state.status !== 'active') return state.lastTwiml ?? apology(state.locale);
        const plan = await runSafely(state, ctxOf(p), (t) => answerCall(t, input));
        state.seq = seq + 1;
        const xml = renderer.render(plan, state.seq);
        state.lastKey = key;
        state.lastTwiml = xml;
        try {
          return await save(callSid, current.version, state, xml, key);
        } catch (e) {
          return outage(callSid, e, state.locale);
        }
      });
    },

    async status(p) {
      const callSid = p.CallSid;
      if (p.CallStatus && !CALL_ENDED.has(p.CallStatus)) return;
      const current = await store.get(callSid).catch(() => null);
      const state = current?.value;
      const interaction = state?.interactionId ? undefined : await care.interactions.byChannelRef('voice', callSid);
      const interactionId = state?.interactionId ?? interaction?.id;
      if (!interactionId) return;
      await leaveQueue(callSid, state?.escalationId ?? interaction?.links.escalationId);
      const finished = p.CallStatus === 'completed';
      let status: Exclude<InteractionStatus, 'open'> = 'abandoned';
      let outcome = state?.procedure ? `abandoned:${state.procedure}` : 'hung-up';
      if (state?.status === 'escalated') [status, outcome] = ['escalated', 'escalated'];
      else if (finished && state && !state.step && state.outcomes.length > 0) [status, outcome] = ['completed', state.outcomes[state.outcomes.length - 1]];
      try {
        const ended = await care.interactions.end(interactionId, { status, outcome, durationSec: p.CallDuration });
        // Already closed (an escalation closes it): keep the call's length as a step.
        if (ended.durationSec === undefined || ended.status !== status) {
          await care.interactions.note(interactionId, { name: 'voice.call-ended', detail: { callStatus: p.CallStatus ?? null, durationSec: p.CallDuration ?? null } });
        }
        logger.info({ callSid, interactionId, status, outcome, durationSec: p.CallDuration }, 'voice: call ended');
      } catch (e) {
        if (!(isDomainError(e) && e.code === 'INTERACTION_CLOSED')) throw e;
      }
      // Nobody waits in a CSR queue for a caller who hung up.
      if (status === 'escalated') await care.escalations.customerLeft(interactionId, 'hung-up');
      if (current) await store.delete(callSid).catch(() => undefined);
    },
  };
}
