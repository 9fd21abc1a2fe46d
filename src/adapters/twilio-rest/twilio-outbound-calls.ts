/**
 * Campaign calls over Twilio's REST API: calls.create with answering-machine detection
 * (DetectMessageEnd, asynchronous, its own callback), a status callback for the call's end, and
 * the campaign caller ID; a machine is sent to the voicemail TwiML with calls(sid).update once
 * its greeting has ended (the beep). Every URL is one of our signed /voice-outbound webhooks.
 */
import type { OutboundCalls } from '../../domain/campaigns/ports';
import { twilioRestClient } from './twilio-call-control';

export interface TwilioOutboundCallsOptions {
  accountSid: string;
  authToken: string;
  apiBaseUrl?: string;
  /** CAMPAIGN_CALLER_ID: the number customers see. */
  callerId: string;
  /** Our public origin + mount path, e.g. https://care.example.com/voice-outbound. */
  webhookBase: string;
  timeoutMs?: number;
}

export function createTwilioOutboundCalls(o: TwilioOutboundCallsOptions): OutboundCalls {
  const client = twilioRestClient(o);
  const base = o.webhookBase.replace(/\/+$/, '');
  const q = (targetId: string, attempt: number) => `t=${encodeURIComponent(targetId)}&n=${attempt}`;
  return {
    async place({ to, targetId, attempt }) {
      try {
        const call = await client.calls.create({
          to,
          from: o.callerId,
          url: `${base}/answer?${q(targetId, attempt)}`,
          method: 'POST',
          machineDetection: 'DetectMessageEnd',
          asyncAmd: 'true',
          asyncAmdStatusCallback: `${base}/amd?${q(targetId, attempt)}`,
          asyncAmdStatusCallbackMethod: 'POST',
          statusCallback: `${base}/status?${q(targetId, attempt)}`,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: ['completed'],
        });
        return { ok: true, callSid: call.sid };
      } catch (e) {
        const err = e as { message?: string; code?: number };
        return { ok: false, detail: `${err.code ?? ''} ${err.message ?? String(e)}`.trim() };
      }
    },
    async leaveVoicemail(callSid, targetId, attempt) {
      try {
        await client.calls(callSid).update({ url: `${base}/voicemail?${q(targetId, attempt)}`, method: 'POST' });
        return { ok: true };
      } catch (e) {
        return { ok: false, detail: (e as Error).message };
      }
    },
  };
}
