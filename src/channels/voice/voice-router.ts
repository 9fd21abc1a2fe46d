/**
 * The voice channel's webhooks (mounted under /voice):
 *   POST /incoming  a call arrives            POST /step?s=N  the caller's answer (Gather action)
 *   POST /status    the call ended (callback) POST /fallback  Twilio's Fallback URL (static)
 *   POST /wait      what a queued caller hears
 *   POST /pickup?e=ID, /pickup/whisper?e=ID  a CSR took the call: dial them, whisper the context (pickup-twiml.ts)
 *   POST /wait/callback, /pickup/callback?e=ID  callback instead of waiting (callback-twiml.ts)
 * Every route checks X-Twilio-Signature against config.publicBaseUrl + path before anything else.
 */
import express, { type Request, type Response } from 'express';
import type { Care } from '../../domain/care';
import type { CatalogText } from '../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../domain/understanding/language-understanding';
import type { Config } from '../../config/config';
import type { CallStateStore } from './call-state';
import { createCallWebhooks } from './call-webhooks';
import { BodyError, readForm } from './form-body';
import { loadFlows, type Flows } from './flows/load-flows';
import { createTwimlRenderer } from './twiml/render-twiml';
import { isValidTwilioSignature, type FormParams } from './twilio-signature';
import { callerInput, parseCallParams, type CallParams } from './webhook-params';
import { silentLogger, type VoiceLogger } from './voice-logger';
import type { VoicePickup } from '../../domain/staff/voice-pickup';
import { dialTwiml, emptyTwiml, ESCALATION_ID, unansweredTwiml, whisperTwiml } from './pickup-twiml';
import { backToHoldTwiml, callbackBookedTwiml, callbackDialTwiml, E164, hangupTwiml, holdWithCallbackTwiml } from './callback-twiml';

export interface VoiceChannelDeps {
  care: Care;
  config: Pick<Config, 'env' | 'publicBaseUrl' | 'twilioAuthToken' | 'twilioValidateSignature' | 'twilioWorkflowSid' | 'ivrFlowsDir'>;
  callState: CallStateStore;
  logger?: VoiceLogger;
  /** Validated flows; loaded from config.ivrFlowsDir when omitted (throws FlowError if broken). */
  flows?: Flows;
  /** Where the router is mounted (default /voice). */
  basePath?: string;
  /** Dial plans of calls CSRs took (voice pickup); without it /pickup apologises and queues. */
  pickup?: Pick<VoicePickup, 'dialPlan'>;
  /** Speech understood through the shared classifier (the composition root's); absent: keys and listed words only. */
  language?: LanguageUnderstanding;
  /** Catalog content in the caller's language (the composition root's). */
  catalogText?: CatalogText;
}

function sendXml(res: Response, xml: string, status = 200): void {
  res.writeHead(status, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml), 'Cache-Control': 'no-store' });
  res.end(xml);
}

export function createVoiceChannel(deps: VoiceChannelDeps): express.Router {
  const { config, care } = deps;
  const logger = deps.logger ?? silentLogger;
  const flows = deps.flows ?? loadFlows(config.ivrFlowsDir);
  const basePath = deps.basePath ?? '/voice';
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const validate = config.twilioValidateSignature;
  if (!validate) {
    if (config.env === 'production') throw new Error('voice: Twilio signature validation cannot be turned off in production');
    logger.warn({}, 'voice: X-Twilio-Signature validation is OFF (development only): anyone can drive the IVR');
  }
  const renderer = createTwimlRenderer({ stepUrl: `${origin}${basePath}/step`, locales: flows.locales });
  const hooks = createCallWebhooks({
    rt: { care, flows, logger, waitUrl: `${origin}${basePath}/wait`, twilioWorkflowSid: config.twilioWorkflowSid, ...(deps.language ? { language: deps.language } : {}), ...(deps.catalogText ? { catalogText: deps.catalogText } : {}) },
    store: deps.callState,
    renderer,
    secret: config.twilioAuthToken,
  });

  /** Reads and authenticates the request; answers 4xx itself and returns undefined when it fails. */
  async function authentic(req: Request, res: Response): Promise<FormParams | undefined> {
    let form: FormParams;
    try {
      form = await readForm(req);
    } catch (e) {
      res.status(e instanceof BodyError ? 413 : 400).type('text/plain').send('bad request body');
      return undefined;
    }
    if (validate && !isValidTwilioSignature(config.twilioAuthToken, req.get('x-twilio-signature'), origin + req.originalUrl, form)) {
      logger.warn({ path: req.path }, 'voice: rejected a request with a missing or wrong X-Twilio-Signature');
      res.status(403).type('text/plain').send('invalid Twilio signature');
      return undefined;
    }
    return form;
  }

  function route(handler: (p: CallParams, req: Request, res: Response) => Promise<void>) {
    return async (req: Request, res: Response) => {
      const form = await authentic(req, res);
      if (!form) return;
      const parsed = parseCallParams(form);
      if (!parsed.ok) {
        logger.warn({ path: req.path, reason: parsed.reason }, 'voice: bad webhook parameters');
        res.status(400).type('text/plain').send(`bad Twilio parameters: ${parsed.reason}`);
        return;
      }
      try {
        await handler(parsed.params, req, res);
      } catch (e) {
        logger.error({ path: req.path, callSid: parsed.params.CallSid, err: e instanceof Error ? e.message : String(e) }, 'voice: webhook failed');
        if (!res.headersSent) sendXml(res, hooks.apology());
      }
    };
  }

  const router = express.Router();
  router.post('/incoming', route(async (p, _req, res) => sendXml(res, await hooks.incoming(p))));
  router.post('/step', route(async (p, req, res) => {
    const s = Number(typeof req.query.s === 'string' ? req.query.s : NaN);
    const signature = validate ? req.get('x-twilio-signature') : undefined;
    sendXml(res, await hooks.step(p, Number.isSafeInteger(s) ? s : -1, callerInput(p), signature));
  }));
  router.post('/status', route(async (p, _req, res) => {
    await hooks.status(p);
    res.status(204).end();
  }));
  router.post('/fallback', async (req, res) => {
    if (!(await authentic(req, res))) return;
    sendXml(res, hooks.apology());
  });
  const pickupTwiml = { flows, whisperUrl: `${origin}${basePath}/pickup/whisper`, afterUrl: `${origin}${basePath}/pickup/after` };
  const escalationOf = (req: Request) => (typeof req.query.e === 'string' && ESCALATION_ID.test(req.query.e) ? req.query.e : undefined);
  router.post('/pickup', route(async (p, req, res) => {
    const id = escalationOf(req);
    const plan = id && deps.pickup ? await deps.pickup.dialPlan(id, p.CallSid) : undefined;
    if (!id || !plan) {
      logger.warn({ callSid: p.CallSid, escalationId: id }, 'voice: pickup for a call no CSR holds; queueing the caller');
      return sendXml(res, hooks.apology());
    }
    const locale = (await deps.callState.get(p.CallSid).catch(() => null))?.value.locale;
    sendXml(res, dialTwiml(pickupTwiml, id, plan, locale));
  }));
  router.post('/pickup/whisper', route(async (_p, req, res) => {
    const id = escalationOf(req);
    const plan = id && deps.pickup ? await deps.pickup.dialPlan(id) : undefined;
    sendXml(res, plan ? whisperTwiml(pickupTwiml, plan) : emptyTwiml());
  }));
  // The <Dial> to the CSR ended: answered, the call is over; not answered, back in the queue in its place.
  router.post('/pickup/after', route(async (p, req, res) => {
    const id = escalationOf(req);
    const locale = flows.settings.locales.find((l) => l === req.query.l) ?? flows.settings.locales[0];
    if (!id || p.DialCallStatus === 'completed' || p.DialCallStatus === 'answered') return sendXml(res, hangupTwiml());
    const e = await care.escalations.requeue(id);
    logger.info({ callSid: p.CallSid, escalationId: id, dialCallStatus: p.DialCallStatus }, 'voice: the CSR did not answer; the caller is queued again');
    sendXml(res, unansweredTwiml(pickupTwiml, locale, flows.settings.queues[e.skill] ?? e.skill, `${origin}${basePath}/wait`));
  }));
  const callbackKey = flows.settings.callbackKey;
  const localeOf = (req: Request) => flows.settings.locales.find((l) => l === req.query.l) ?? flows.settings.locales[0];
  router.post('/wait', async (req, res) => {
    if (!(await authentic(req, res))) return;
    if (callbackKey) return sendXml(res, holdWithCallbackTwiml(flows, localeOf(req), `${origin}${basePath}/wait/callback`, callbackKey));
    sendXml(res, hooks.wait(typeof req.query.l === 'string' ? req.query.l : ''));
  });
  router.post('/wait/callback', route(async (p, req, res) => {
    const locale = localeOf(req);
    const hold = () => sendXml(res, backToHoldTwiml(`${origin}${basePath}/wait`, locale));
    if (!callbackKey || callerInput(p).digits !== callbackKey || !p.From || !E164.test(p.From)) return hold();
    const escalationId = (await deps.callState.get(p.CallSid).catch(() => null))?.value.escalationId;
    if (!escalationId) return hold();
    try {
      const to = p.To && E164.test(p.To) ? p.To : undefined;
      await care.escalations.requestCallback(escalationId, { number: p.From, ...(to ? { via: to } : {}) });
    } catch (e) {
      logger.warn({ callSid: p.CallSid, escalationId, err: e instanceof Error ? e.message : String(e) }, 'voice: callback not recorded; the caller keeps holding');
      return hold();
    }
    sendXml(res, callbackBookedTwiml(flows, locale, p.From));
  }));
  router.post('/pickup/callback', route(async (_p, req, res) => {
    const id = escalationOf(req);
    const plan = id && deps.pickup ? await deps.pickup.dialPlan(id) : undefined;
    if (!plan?.callback) return sendXml(res, hangupTwiml());
    sendXml(res, callbackDialTwiml(flows, { ...plan, callback: plan.callback }));
  }));
  return router;
}
