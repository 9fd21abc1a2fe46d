/**
 * The TwiML of a voice pickup, for the call a CSR took (Twilio fetches it after our REST redirect):
 *   POST /pickup?e=<escalation>          "Connecting you to <CSR>", then <Dial> the CSR's phone
 *                                        (or <Client> identity) with the whisper URL on it
 *   POST /pickup/whisper?e=<escalation>  what the CSR hears before being bridged: customer and reason
 * Both are signed webhooks like every /voice route; the wording is flow data (pickup.*).
 */
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { DialPlan } from '../../domain/staff/voice-pickup';
import type { FlowLocale } from './flows/flow-schema';
import type { Flows } from './flows/load-flows';
import { spokenPrompt } from './speech/spoken-prompt';

export const ESCALATION_ID = /^[A-Za-z0-9_-]{1,100}$/;

export interface PickupTwimlOptions {
  flows: Flows;
  /** Absolute URL of the whisper webhook, without the query. */
  whisperUrl: string;
  /** Absolute URL of the Dial action (the CSR did not answer?), without the query. */
  afterUrl: string;
}

const localeOf = (flows: Flows, wanted: string | undefined): FlowLocale => flows.settings.locales.find((l) => l === wanted) ?? flows.settings.locales[0];

function sayIn(flows: Flows, locale: FlowLocale): VoiceResponse.SayAttributes {
  const l = flows.locales[locale];
  return { voice: l?.voice, language: l?.language } as VoiceResponse.SayAttributes;
}

/** The caller hears who takes the call; the CSR's phone (or Client) rings with the whisper on answer. */
export function dialTwiml(o: PickupTwimlOptions, escalationId: string, plan: DialPlan, callLocale?: string): string {
  const locale = localeOf(o.flows, callLocale ?? plan.locale);
  const r = new twilio.twiml.VoiceResponse();
  r.say(sayIn(o.flows, locale), spokenPrompt(o.flows.locales[locale].prompts['pickup.connecting'] ?? '', { csr: plan.csrName }, locale));
  const dial = r.dial({ action: `${o.afterUrl}?e=${encodeURIComponent(escalationId)}&l=${locale}`, method: 'POST' });
  const whisper = { url: `${o.whisperUrl}?e=${encodeURIComponent(escalationId)}`, method: 'POST' as const };
  if (plan.target.kind === 'phone') dial.number(whisper, plan.target.number);
  else dial.client(whisper, plan.target.identity);
  return r.toString();
}

/** Whispered to the CSR (in the first locale of the flows, the staff's language). */
export function whisperTwiml(o: PickupTwimlOptions, plan: DialPlan): string {
  const locale = o.flows.settings.locales[0];
  const r = new twilio.twiml.VoiceResponse();
  const text = spokenPrompt(o.flows.locales[locale].prompts['pickup.whisper'] ?? '', { customer: plan.whisper.customerName, unverified: !plan.whisper.verified, reason: plan.whisper.reason }, locale, o.flows.settings.timeZone);
  r.say(sayIn(o.flows, locale), text);
  return r.toString();
}

/** The CSR did not answer: the caller is told and waits in the queue again. */
export function unansweredTwiml(o: PickupTwimlOptions, locale: FlowLocale, queue: string, waitUrl: string): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(sayIn(o.flows, locale), spokenPrompt(o.flows.locales[locale].prompts['pickup.unanswered'] ?? '', {}, locale));
  r.enqueue({ waitUrl: `${waitUrl}?l=${locale}`, method: 'POST' }, queue);
  return r.toString();
}

/** The escalation is not (or no longer) held for this call: the caller is not left in silence. */
export const emptyTwiml = (): string => new twilio.twiml.VoiceResponse().toString();
