/**
 * The CallControl port over Twilio's REST API (the `twilio` package's client). `apiBaseUrl`
 * replaces https://api.twilio.com (TWILIO_API_BASE_URL: the tests' and the call simulator's
 * stand-in), so everything up to the HTTP request is Twilio's own code.
 */
import twilio from 'twilio';
import type { CallControl, CallControlResult } from '../../domain/ports/call-control';

export interface TwilioCallControlOptions {
  accountSid: string;
  authToken: string;
  /** Default https://api.twilio.com. */
  apiBaseUrl?: string;
  /** The TwiML URL that dials the CSR who took an escalation (a signed /voice webhook of ours). */
  dialUrl: (escalationId: string) => string;
  /** The TwiML that, once the CSR answers a callback, dials the customer. */
  callbackUrl: (escalationId: string) => string;
  timeoutMs?: number;
}

/** Twilio's "Call is not in-progress. Cannot redirect." */
const CALL_NOT_IN_PROGRESS = 21220;
const TWILIO_API = 'https://api.twilio.com';

/** Sends Twilio's requests to another origin (same path, auth and body). */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string, timeout: number) {
    super({ timeout });
  }
  override request<TData>(opts: Parameters<twilio.RequestClient['request']>[0]) {
    const uri = opts.uri.startsWith(TWILIO_API) ? this.base + opts.uri.slice(TWILIO_API.length) : opts.uri;
    return super.request<TData>({ ...opts, uri } as Parameters<twilio.RequestClient['request']>[0] & { data?: TData });
  }
}

function failure(e: unknown): CallControlResult {
  const err = e as { status?: number; code?: number; message?: string };
  if (err.code === CALL_NOT_IN_PROGRESS || err.status === 404) return { ok: false, reason: 'call-ended', detail: err.message ?? 'call not in progress' };
  return { ok: false, reason: 'failed', detail: err.message ?? String(e) };
}

/** Twilio's REST client for the account, its requests sent to `apiBaseUrl` (a stand-in) when given. */
export function twilioRestClient(o: { accountSid: string; authToken: string; apiBaseUrl?: string; timeoutMs?: number }): twilio.Twilio {
  const base = (o.apiBaseUrl ?? TWILIO_API).replace(/\/+$/, '');
  const timeout = o.timeoutMs ?? 10_000;
  const httpClient = base === TWILIO_API ? new twilio.RequestClient({ timeout }) : new RebasedRequestClient(base, timeout);
  return twilio(o.accountSid, o.authToken, { httpClient });
}

export function createTwilioCallControl(o: TwilioCallControlOptions): CallControl {
  const client = twilioRestClient(o);
  return {
    async putThrough(callSid, escalationId): Promise<CallControlResult> {
      try {
        await client.calls(callSid).update({ url: o.dialUrl(escalationId), method: 'POST' });
        return { ok: true };
      } catch (e) {
        return failure(e);
      }
    },
    async callBack(csr, callerId, escalationId): Promise<CallControlResult> {
      if (!callerId) return { ok: false, reason: 'failed', detail: 'no caller ID: the number the customer called is unknown' };
      try {
        await client.calls.create({ to: csr, from: callerId, url: o.callbackUrl(escalationId), method: 'POST' });
        return { ok: true };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
