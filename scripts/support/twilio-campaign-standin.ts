/**
 * A stand-in for Twilio on campaign calls, at its HTTP boundary: the REST stand-in answers
 * calls.create and calls(sid).update, and each placed call is then played out against our signed
 * webhooks the way Twilio would, with the outcome scripted for the number called:
 *   human-buys      answers, AMD says human, presses 1, enters the PIN, presses 1 to order
 *   human-declines  answers, AMD says human, presses 2 (not interested)
 *   human-later / human-dnc   presses 3 (call me later) / 9 (don't call again)
 *   machine         answers, AMD says machine_end_beep after the greeting; the voicemail TwiML
 *                   our server redirects the call to is fetched and "recorded"
 *   no-answer, busy the status callback says so
 * Used by the tests and by `npm run campaign:demo`.
 */
import { startTwilioRestStandin, type PlacedCall, type Redirect, type TwilioRestStandin } from './twilio-rest-standin';
import { TwilioCaller } from '../../src/channels/voice/twiml/twilio-caller';
import { spoken } from '../../src/channels/voice/twiml/twiml-reader';

export type ScriptedOutcome =
  | { kind: 'human-buys'; pin: string }
  | { kind: 'human-declines' }
  | { kind: 'human-later' }
  | { kind: 'human-dnc' }
  | { kind: 'machine' }
  | { kind: 'no-answer' }
  | { kind: 'busy' };

export interface PlayedCall {
  callSid: string;
  to: string;
  from: string;
  outcome: ScriptedOutcome['kind'];
  /** The create request's parameters (MachineDetection, AsyncAmd, StatusCallback…). */
  form: Record<string, string>;
  /** What the called party heard, in order. */
  heard: string[];
  /** What a machine recorded after the beep. */
  voicemail?: string;
  done: boolean;
  error?: string;
}

export interface CampaignStandinOptions {
  /** Where our server listens, the URL it signs against, and the token. */
  serverUrl: string;
  publicBaseUrl: string;
  authToken: string;
  outcome: (to: string) => ScriptedOutcome;
  /** Status callbacks sent twice (Twilio may retry): our server must not count them twice. */
  repeatStatusCallbacks?: boolean;
  port?: number;
}

export interface CampaignStandin {
  url: string;
  rest: TwilioRestStandin;
  calls: PlayedCall[];
  /** Resolves once every call placed so far has been played to its end. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const KEYS: Record<string, (o: ScriptedOutcome) => string[]> = {
  'human-buys': (o) => ['1', (o as { pin: string }).pin, '1'],
  'human-declines': () => ['2'],
  'human-later': () => ['3'],
  'human-dnc': () => ['9'],
};

export async function startCampaignStandin(o: CampaignStandinOptions): Promise<CampaignStandin> {
  const calls: PlayedCall[] = [];
  const inFlight = new Set<Promise<void>>();
  /** Redirects our server asked for (calls(sid).update), by call: the voicemail TwiML. */
  const redirects = new Map<string, Redirect>();

  async function play(placed: PlacedCall): Promise<void> {
    const outcome = o.outcome(placed.to);
    const call: PlayedCall = { callSid: placed.callSid, to: placed.to, from: placed.from, outcome: outcome.kind, form: placed.form, heard: [], done: false };
    calls.push(call);
    const caller = new TwilioCaller({ serverUrl: o.serverUrl, publicBaseUrl: o.publicBaseUrl, authToken: o.authToken, from: placed.from, to: placed.to, callSid: placed.callSid });
    const status = async (CallStatus: string) => {
      const params = { CallSid: placed.callSid, From: placed.from, To: placed.to, Direction: 'outbound-api', CallStatus, CallDuration: CallStatus === 'completed' ? '20' : '0' };
      for (let i = 0; i < (o.repeatStatusCallbacks ? 2 : 1); i += 1) {
        const r = await caller.post(placed.form.StatusCallback, params);
        if (r.status !== 204) throw new Error(`status callback answered ${r.status}`);
      }
    };
    const amd = async (AnsweredBy: string) => {
      const r = await caller.post(placed.form.AsyncAmdStatusCallback, { CallSid: placed.callSid, AnsweredBy, MachineDetectionDuration: '1800' });
      if (r.status !== 204) throw new Error(`AMD callback answered ${r.status}`);
    };
    try {
      if (outcome.kind === 'no-answer' || outcome.kind === 'busy') return await status(outcome.kind);
      const answered = await caller.post(placed.url, { CallSid: placed.callSid, From: placed.from, To: placed.to, Direction: 'outbound-api', CallStatus: 'in-progress' });
      if (!answered.heard) throw new Error(`answer webhook answered ${answered.status}`);
      call.heard.push(spoken(answered.heard));
      if (outcome.kind === 'machine') {
        // Our server asks for the redirect before it answers the AMD callback (or not at all: voicemail once).
        await amd('machine_end_beep');
        const redirect = redirects.get(placed.callSid);
        if (!redirect) return await status('completed');
        const vm = await caller.redirectTo(redirect.url);
        if (!vm.heard) throw new Error(`voicemail webhook answered ${vm.status}`);
        call.voicemail = spoken(vm.heard);
        return await status('completed');
      }
      await amd('human');
      for (const digits of KEYS[outcome.kind](outcome)) {
        const heard = await caller.answer({ digits });
        call.heard.push(spoken(heard));
        if (heard.hangup || !heard.gather) break;
      }
      await status('completed');
    } catch (e) {
      call.error = e instanceof Error ? e.message : String(e);
    } finally {
      call.done = true;
    }
  }

  const rest = await startTwilioRestStandin({
    port: o.port,
    onCall: (placed) => {
      // Twilio answers calls.create at once and rings afterwards.
      const p = new Promise<void>((resolve) => setImmediate(resolve)).then(() => play(placed));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    },
    onRedirect: (r) => {
      redirects.set(r.callSid, r);
    },
  });

  return {
    url: rest.url,
    rest,
    calls,
    async settled() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    close: () => rest.close(),
  };
}
