/**
 * The campaign call's webhooks (mounted under /voice-outbound), every one checked against
 * X-Twilio-Signature like the IVR's:
 *   POST /answer?t&n           the call was answered: the flow's first step (a person is presumed
 *                              until machine detection says otherwise)
 *   POST /step?t&n&s[&k]       says step s;  POST /input?t&n&s[&k]  the keys pressed at step s
 *   POST /amd?t&n              asynchronous answering-machine detection (AnsweredBy)
 *   POST /voicemail?t&n        what a machine hears after the beep (Twilio is redirected here once)
 *   POST /status?t&n           the call's final status
 * t is the campaign target, n the attempt; the CallSid must be the one the dialer recorded.
 */
import express, { type Request, type Response } from 'express';
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { z } from 'zod';
import type { CampaignCall, CampaignCalls } from '../../../domain/campaigns/campaign-calls';
import { CALL_FINAL_STATUSES, type AnsweredBy } from '../../../domain/campaigns/campaign';
import { isDomainError } from '../../../domain/shared/errors';
import type { Flows } from '../flows/load-flows';
import type { FlowLocale } from '../flows/flow-schema';
import { spokenPrompt } from '../speech/spoken-prompt';
import { BodyError, readForm } from '../form-body';
import { isValidTwilioSignature, type FormParams } from '../twilio-signature';
import type { VoiceLogger } from '../voice-logger';
import { silentLogger } from '../voice-logger';
import type { OutboundFlow, OutboundNode } from './outbound-flow';

export const OUTBOUND_VOICE_PATH = '/voice-outbound';

export interface OutboundVoiceDeps {
  calls: CampaignCalls;
  flows: Pick<Flows, 'locales' | 'settings'>;
  flow: OutboundFlow;
  config: { env: string; publicBaseUrl: string; twilioAuthToken: string; twilioValidateSignature: boolean };
  logger?: VoiceLogger;
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const query = z.object({
  t: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/),
  n: z.coerce.number().int().min(1).max(20),
  s: z.string().regex(/^[a-z][a-z0-9-]{0,60}$/).optional(),
  k: z.coerce.number().int().min(0).max(5).default(0),
});
const form = z.object({
  CallSid: z.preprocess(one, z.string().regex(/^CA[0-9a-fA-F]{32}$/)),
  Digits: z.preprocess(one, z.string().max(32).optional()),
  AnsweredBy: z.preprocess(one, z.string().max(40).optional()),
  CallStatus: z.preprocess(one, z.string().max(32).optional()),
});

/** Twilio's AnsweredBy values: human; machine_start / machine_end_beep / _silence / _other; fax; unknown. */
export function whoAnswered(value: string | undefined): AnsweredBy {
  if (value === 'human') return 'human';
  if (value?.startsWith('machine') || value === 'fax') return 'machine';
  return 'unknown';
}

function sendXml(res: Response, xml: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(xml);
}

export function createOutboundVoiceRouter(deps: OutboundVoiceDeps): express.Router {
  const { calls, flows, flow, config } = deps;
  const logger = deps.logger ?? silentLogger;
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const base = `${origin}${OUTBOUND_VOICE_PATH}`;
  if (!config.twilioValidateSignature && config.env === 'production') throw new Error('voice-outbound: Twilio signature validation cannot be turned off in production');

  const localeOf = (c: CampaignCall): FlowLocale => (c.target.locale in flows.locales ? c.target.locale : flows.settings.locales[0]);
  const sayIn = (locale: FlowLocale) => ({ voice: flows.locales[locale].voice, language: flows.locales[locale].language }) as VoiceResponse.SayAttributes;
  const words = (locale: FlowLocale, key: string, facts: Record<string, unknown>) => spokenPrompt(flows.locales[locale].prompts[key] ?? '', facts, locale, flows.settings.timeZone);
  const url = (path: string, c: CampaignCall, extra: Record<string, string | number> = {}) =>
    `${base}${path}?${new URLSearchParams({ t: c.target.id, n: String(c.attempt.n), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) }).toString()}`;

  /** The TwiML of step `id` (doing its work first: the quote, the order). */
  async function render(c: CampaignCall, id: string, tries = 0, facts: Record<string, unknown> = {}): Promise<string> {
    const node = flow.steps.get(id) as OutboundNode;
    const locale = localeOf(c);
    const all = { offer: c.offer.name, ...facts };
    const r = new twilio.twiml.VoiceResponse();
    const gather = (prompt: string, numDigits?: number) => {
      const g = r.gather({ action: url('/input', c, { s: id, k: tries }), method: 'POST', input: ['dtmf'], timeout: flow.settings.gatherTimeout, ...(numDigits ? { numDigits } : { finishOnKey: '#' }) });
      g.say(sayIn(locale), words(locale, prompt, all));
    };
    switch (node.do) {
      case 'choose':
        gather(node.prompt, 1);
        r.redirect({ method: 'POST' }, url('/step', c, { s: node.noInput }));
        break;
      case 'verify-pin':
        gather(tries > 0 ? node.retryPrompt : node.prompt);
        r.redirect({ method: 'POST' }, url('/step', c, { s: node.next.failed }));
        break;
      case 'quote': {
        let quote;
        try {
          quote = await calls.quote(c.target.id, c.attempt.n, c.attempt.callSid as string);
        } catch (e) {
          if (!isDomainError(e)) throw e;
          logger.info({ targetId: c.target.id, code: e.code }, 'voice-outbound: the offer cannot be quoted for this customer');
          return render(c, node.unavailable);
        }
        Object.assign(all, { monthly: quote.monthlyTotal, ...(quote.oneTimeTotal.amountMinor > 0 ? { oneTime: quote.oneTimeTotal } : {}) });
        gather(node.prompt, 1);
        r.redirect({ method: 'POST' }, url('/step', c, { s: node.noInput }));
        break;
      }
      case 'order':
        try {
          await calls.order(c.target.id, c.attempt.n, c.attempt.callSid as string);
        } catch (e) {
          if (!isDomainError(e)) throw e;
          logger.info({ targetId: c.target.id, code: e.code }, 'voice-outbound: the order was refused');
          return render(c, node.next.refused);
        }
        return render(c, node.next.ordered);
      case 'hangup':
        r.say(sayIn(locale), words(locale, node.prompt, all));
        r.hangup();
        break;
    }
    return r.toString();
  }

  /** The keys pressed at step `id`. */
  async function input(c: CampaignCall, id: string, tries: number, digits: string): Promise<string> {
    const node = flow.steps.get(id);
    if (!node) return render(c, flow.start);
    if (node.do === 'choose' || node.do === 'quote') {
      const picked = node.options.find((o) => o.key === digits);
      if (!picked) return render(c, id, tries);
      if (picked.answer) await calls.answer(c.target.id, c.attempt.n, c.attempt.callSid as string, picked.answer);
      return render(c, picked.goto);
    }
    if (node.do === 'verify-pin') {
      try {
        await calls.verify(c.target.id, c.attempt.n, c.attempt.callSid as string, digits);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        const again = e.code === 'VERIFICATION_FAILED' && tries + 1 < node.tries;
        return render(c, again ? id : node.next.failed, again ? tries + 1 : 0);
      }
      const verified = await calls.call(c.target.id, c.attempt.n, c.attempt.callSid as string);
      return render(verified, node.next.verified);
    }
    return render(c, id, tries);
  }

  async function authentic(req: Request, res: Response): Promise<{ q: z.output<typeof query>; f: z.output<typeof form> } | undefined> {
    let body: FormParams;
    try {
      body = await readForm(req);
    } catch (e) {
      res.status(e instanceof BodyError ? 413 : 400).type('text/plain').send('bad request body');
      return undefined;
    }
    if (config.twilioValidateSignature && !isValidTwilioSignature(config.twilioAuthToken, req.get('x-twilio-signature'), origin + req.originalUrl, body)) {
      logger.warn({ path: req.path }, 'voice-outbound: rejected a request with a missing or wrong X-Twilio-Signature');
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return undefined;
    }
    const q = query.safeParse(req.query);
    const f = form.safeParse(body);
    if (!q.success || !f.success) {
      res.status(400).type('text/plain').send('bad Twilio parameters');
      return undefined;
    }
    return { q: q.data, f: f.data };
  }

  /** Runs a webhook for a known campaign call; an unknown one is a 404, a failure an apology and goodbye. */
  const route = (handler: (c: CampaignCall, p: NonNullable<Awaited<ReturnType<typeof authentic>>>, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const p = await authentic(req, res);
    if (!p) return;
    let c: CampaignCall;
    try {
      c = await calls.call(p.q.t, p.q.n, p.f.CallSid);
    } catch (e) {
      if (isDomainError(e) && e.code === 'NOT_FOUND') return void res.status(404).type('text/plain').send('no such campaign call');
      throw e;
    }
    try {
      await handler(c, p, res);
    } catch (e) {
      logger.error({ path: req.path, targetId: p.q.t, err: e instanceof Error ? e.message : String(e) }, 'voice-outbound: webhook failed');
      if (!res.headersSent) {
        const r = new twilio.twiml.VoiceResponse();
        r.say(sayIn(localeOf(c)), words(localeOf(c), 'outbound.no-input', {}));
        r.hangup();
        sendXml(res, r.toString());
      }
    }
  };

  const router = express.Router();
  router.post('/answer', route(async (c, _p, res) => sendXml(res, await render(c, flow.start))));
  router.post('/step', route(async (c, p, res) => sendXml(res, await render(c, p.q.s && flow.steps.has(p.q.s) ? p.q.s : flow.start, p.q.k))));
  router.post('/input', route(async (c, p, res) => sendXml(res, await input(c, p.q.s ?? flow.start, p.q.k, (p.f.Digits ?? '').replace(/#$/, '')))));
  router.post('/amd', route(async (c, p, res) => {
    const who = whoAnswered(p.f.AnsweredBy);
    const { voicemail } = await calls.answeredBy(c.target.id, c.attempt.n, p.f.CallSid, who);
    logger.info({ targetId: c.target.id, attempt: c.attempt.n, answeredBy: who, voicemail }, 'voice-outbound: answered');
    res.status(204).end();
  }));
  router.post('/voicemail', route(async (c, _p, res) => {
    const locale = localeOf(c);
    const r = new twilio.twiml.VoiceResponse();
    // Only a call the domain sent to the voicemail (a machine, the first for this target) hears it.
    if (!c.attempt.voicemailAt) {
      r.hangup();
      return sendXml(res, r.toString());
    }
    r.say(sayIn(locale), words(locale, flow.settings.voicemailPrompt, { offer: c.offer.name }));
    r.say(sayIn(locale), (locale === 'es' ? c.campaign.voicemail.es : undefined) ?? c.campaign.voicemail.en);
    r.hangup();
    sendXml(res, r.toString());
  }));
  router.post('/status', route(async (c, p, res) => {
    const status = CALL_FINAL_STATUSES.find((s) => s === p.f.CallStatus);
    if (status) await calls.ended(c.target.id, c.attempt.n, p.f.CallSid, status);
    res.status(204).end();
  }));
  return router;
}
