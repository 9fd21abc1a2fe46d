/**
 * Callback instead of waiting (flow setting `callbackKey`, prompts wait.callback-*):
 *   the hold TwiML (/wait) offers the key in a <Gather> whose action is /wait/callback;
 *   /wait/callback with that key records the callback on the escalation and hangs up;
 *   /pickup/callback is the CSR's leg of the callback call: on answer it dials the customer.
 */
import twilio from 'twilio';
import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import type { DialPlan } from '../../domain/staff/voice-pickup';
import type { FlowLocale } from './flows/flow-schema';
import type { Flows } from './flows/load-flows';
import { spokenPrompt } from './speech/spoken-prompt';

/** A number we can call back (E.164); anything else (anonymous, sip:) cannot be. */
export const E164 = /^\+[1-9]\d{6,14}$/;

function sayIn(flows: Flows, locale: FlowLocale): VoiceResponse.SayAttributes {
  const l = flows.locales[locale];
  return { voice: l?.voice, language: l?.language } as VoiceResponse.SayAttributes;
}

/** The number we call back is read digit by digit ("2 1 7, 5 5 5, 0 1 4 2"), so the caller can check it. */
const prompt = (flows: Flows, locale: FlowLocale, key: string, facts: Record<string, unknown>) => spokenPrompt(flows.locales[locale].prompts[key] ?? '', facts, locale, flows.settings.timeZone);

/** The hold message with the callback offer, then one round of music; Twilio fetches it again when it ends. */
export function holdWithCallbackTwiml(flows: Flows, locale: FlowLocale, callbackUrl: string, callbackKey: string): string {
  const r = new twilio.twiml.VoiceResponse();
  const g = r.gather({ action: `${callbackUrl}?l=${locale}`, method: 'POST', input: ['dtmf'], numDigits: 1, timeout: 5 });
  g.say(sayIn(flows, locale), prompt(flows, locale, 'wait.message', {}));
  g.say(sayIn(flows, locale), prompt(flows, locale, 'wait.callback-offer', { key: callbackKey }));
  if (flows.settings.holdMusicUrl) r.play({}, flows.settings.holdMusicUrl);
  else r.pause({ length: 30 });
  return r.toString();
}

export function callbackBookedTwiml(flows: Flows, locale: FlowLocale, number: string): string {
  const r = new twilio.twiml.VoiceResponse();
  r.say(sayIn(flows, locale), prompt(flows, locale, 'wait.callback-booked', { number }));
  r.hangup();
  return r.toString();
}

/** Not the callback key (or nothing to call back): back to holding. */
export function backToHoldTwiml(waitUrl: string, locale: FlowLocale): string {
  const r = new twilio.twiml.VoiceResponse();
  r.redirect({ method: 'POST' }, `${waitUrl}?l=${locale}`);
  return r.toString();
}

/** The CSR answered the callback call: tell them whom, then dial the customer from our number. */
export function callbackDialTwiml(flows: Flows, plan: DialPlan & { callback: NonNullable<DialPlan['callback']> }): string {
  const locale = flows.settings.locales[0];
  const r = new twilio.twiml.VoiceResponse();
  r.say(sayIn(flows, locale), prompt(flows, locale, 'pickup.callback', { customer: plan.whisper.customerName, unverified: !plan.whisper.verified, reason: plan.whisper.reason }));
  const dial = r.dial(plan.callback.via ? { callerId: plan.callback.via } : {});
  dial.number(plan.callback.number);
  return r.toString();
}

/** The escalation is not (or no longer) a callback this CSR holds. */
export function hangupTwiml(): string {
  const r = new twilio.twiml.VoiceResponse();
  r.hangup();
  return r.toString();
}
