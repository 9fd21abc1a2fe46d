/**
 * A stand-in for api.twilio.com on 127.0.0.1 (port 0 by default): answers the Calls resource the
 * way Twilio does, records every request, and tells its owner about each redirect. Used by the
 * tests and by the call simulator's CSR side (`npm run simulate:call -- --csr`), with the server's
 * TWILIO_API_BASE_URL pointing here, so Twilio's own client code runs up to the HTTP request.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';

export interface StandinRequest {
  method: string;
  path: string;
  /** The form body (Twilio posts application/x-www-form-urlencoded). */
  form: Record<string, string>;
  /** The Basic auth user (the account SID). */
  user?: string;
  password?: string;
}

export interface Redirect {
  accountSid: string;
  callSid: string;
  url: string;
  method: string;
}

export interface TwilioRestStandin {
  url: string;
  requests: StandinRequest[];
  /** Calls Twilio would say are over (a redirect gets 400 with code 21220). */
  ended: Set<string>;
  close(): Promise<void>;
}

const CALL_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\/(CA[0-9a-fA-F]{32})\.json$/;
const CALLS_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Calls\.json$/;

/** An outbound call placed through the stand-in (calls.create). */
export interface PlacedCall {
  callSid: string;
  to: string;
  from: string;
  url: string;
  /** Every parameter of calls.create (StatusCallback, MachineDetection, AsyncAmdStatusCallback…). */
  form: Record<string, string>;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startTwilioRestStandin(opts: { port?: number; onRedirect?: (r: Redirect) => void | Promise<void>; onCall?: (c: PlacedCall) => void | Promise<void> } = {}): Promise<TwilioRestStandin> {
  const requests: StandinRequest[] = [];
  const ended = new Set<string>();
  const server = http.createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? '/').split('?')[0];
      const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
      const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const [user, password] = auth ? Buffer.from(auth, 'base64').toString('utf8').split(':') : [];
      requests.push({ method: req.method ?? '', path, form, ...(user ? { user } : {}), ...(password ? { password } : {}) });
      const placed = CALLS_PATH.exec(path);
      if (placed && req.method === 'POST') {
        if (!user) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
        if (!form.To || !form.From || !form.Url) return json(res, 400, { code: 21201, message: 'To, From and Url are required', status: 400 });
        const callSid = `CA${randomBytes(16).toString('hex')}`;
        json(res, 201, { sid: callSid, account_sid: placed[1], to: form.To, from: form.From, status: 'queued', api_version: '2010-04-01' });
        return void (await opts.onCall?.({ callSid, to: form.To, from: form.From, url: form.Url, form }));
      }
      const m = CALL_PATH.exec(path);
      if (!m || req.method !== 'POST') return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      const [, accountSid, callSid] = m;
      if (!user) return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      if (ended.has(callSid)) return json(res, 400, { code: 21220, message: 'Call is not in-progress. Cannot redirect.', status: 400 });
      json(res, 200, { sid: callSid, account_sid: accountSid, status: 'in-progress', api_version: '2010-04-01' });
      if (form.Url) await opts.onRedirect?.({ accountSid, callSid, url: form.Url, method: form.Method ?? 'POST' });
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { code: 20500, message: 'stand-in error', status: 500 });
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    ended,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
