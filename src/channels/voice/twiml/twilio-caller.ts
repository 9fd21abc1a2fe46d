/**
 * Plays the Twilio side of a call against our webhooks: signed form posts with Twilio's
 * parameters, following <Gather action> and <Redirect>, ending with the status callback.
 * Used by the call simulator, the end-to-end tests and the benchmark.
 */
import crypto from 'node:crypto';
import twilio from 'twilio';
import { hear, type Heard } from './twiml-reader';

export interface TwilioCallerOptions {
  /** Where the server actually listens (http://127.0.0.1:port). */
  serverUrl: string;
  /** The public base URL the server signs against (config.publicBaseUrl). */
  publicBaseUrl: string;
  authToken: string;
  from: string;
  to?: string;
  callSid?: string;
  /** Sign with another token (tests of rejection). */
  signWith?: string;
  voicePath?: string;
}

export interface Reply {
  status: number;
  body: string;
  heard?: Heard;
}

export const newCallSid = () => `CA${crypto.randomBytes(16).toString('hex')}`;

export class TwilioCaller {
  readonly callSid: string;
  last?: Heard;
  /** The last TwiML document received. */
  lastXml?: string;
  private readonly base: Record<string, string>;
  private readonly voice: string;
  private started = Date.now();

  constructor(private readonly o: TwilioCallerOptions) {
    this.callSid = o.callSid ?? newCallSid();
    this.voice = o.voicePath ?? '/voice';
    const to = o.to ?? '+12175550100';
    this.base = { AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01', CallSid: this.callSid, Direction: 'inbound', From: o.from, Caller: o.from, To: to, Called: to };
  }

  /** POSTs a signed webhook to a public URL (absolute, or a path under publicBaseUrl). */
  async post(url: string, params: Record<string, string>, opts: { signature?: string | null } = {}): Promise<Reply> {
    const publicUrl = url.startsWith('http') ? url : `${this.o.publicBaseUrl.replace(/\/$/, '')}${url}`;
    const target = this.o.serverUrl.replace(/\/$/, '') + publicUrl.slice(new URL(publicUrl).origin.length);
    const signature = opts.signature === undefined ? twilio.getExpectedTwilioSignature(this.o.signWith ?? this.o.authToken, publicUrl, params) : opts.signature;
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (signature !== null) headers['x-twilio-signature'] = signature;
    const res = await fetch(target, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
    const body = await res.text();
    const reply: Reply = { status: res.status, body };
    if (res.status === 200 && body.includes('<Response')) {
      reply.heard = hear(body);
      this.last = reply.heard;
      this.lastXml = body;
    }
    return reply;
  }

  get from(): string {
    return this.o.from;
  }

  private async follow(reply: Reply): Promise<Heard> {
    if (reply.status !== 200 || !reply.heard) throw new Error(`webhook answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    let heard = reply.heard;
    for (let hops = 0; !heard.gather && heard.redirect && hops < 10; hops += 1) {
      const next = await this.post(heard.redirect, { ...this.base, CallStatus: 'in-progress' });
      if (!next.heard) throw new Error(`redirect answered ${next.status}`);
      heard = { ...next.heard, says: [...heard.says, ...next.heard.says] };
      this.last = heard;
    }
    return heard;
  }

  async dial(): Promise<Heard> {
    this.started = Date.now();
    return this.follow(await this.post(`${this.voice}/incoming`, { ...this.base, CallStatus: 'ringing' }));
  }

  /** Answers the current <Gather>: keys, or a phrase; nothing = silence (actionOnEmptyResult). */
  async answer(input: { digits?: string; speech?: string } = {}): Promise<Heard> {
    return this.follow(await this.answerRaw(input));
  }

  async answerRaw(input: { digits?: string; speech?: string; extra?: Record<string, string> } = {}): Promise<Reply> {
    const gather = this.last?.gather;
    if (!gather) throw new Error('nothing is asking for input');
    const params: Record<string, string> = { ...this.base, CallStatus: 'in-progress', ...input.extra };
    if (input.digits !== undefined) {
      params.Digits = input.digits;
      params.FinishedOnKey = gather.finishOnKey && !gather.numDigits ? '#' : '';
    }
    if (input.speech !== undefined) {
      params.SpeechResult = input.speech;
      params.Confidence = '0.92';
    }
    return this.post(gather.action, params);
  }

  press(digits: string): Promise<Heard> {
    return this.answer({ digits });
  }

  speak(phrase: string): Promise<Heard> {
    return this.answer({ speech: phrase });
  }

  silence(): Promise<Heard> {
    return this.answer({});
  }

  /** Fetches the TwiML a REST redirect (calls(sid).update({ url })) sends this call to, as Twilio would. */
  redirectTo(url: string): Promise<Reply> {
    return this.post(url, { ...this.base, CallStatus: 'in-progress' });
  }

  /** The whisper Twilio fetches for the dialled leg (its own CallSid) once the CSR answers. */
  whisper(url: string, to: string): Promise<Reply> {
    return this.post(url, { ...this.base, CallSid: newCallSid(), ParentCallSid: this.callSid, Direction: 'outbound-dial', To: to, Called: to, CallStatus: 'in-progress' });
  }

  /** The status callback Twilio sends when the call ends. */
  async hangUp(opts: { status?: string; durationSec?: number } = {}): Promise<Reply> {
    const duration = opts.durationSec ?? Math.max(1, Math.round((Date.now() - this.started) / 1000));
    return this.post(`${this.voice}/status`, { ...this.base, CallStatus: opts.status ?? 'completed', CallDuration: String(duration) });
  }
}
