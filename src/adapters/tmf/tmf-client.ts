/**
 * A client of a partner's TM Forum API: OAuth 2.0 client credentials (token cached until shortly
 * before it expires, fetched again once on a 401), JSON over httpCall with a timeout, every call
 * through the circuit breaker. Errors are thrown: the caller (the outbox) retries later.
 */
import { z } from 'zod';
import type { Clock } from '../../domain/shared/ports';
import { httpCall, HttpCallError } from './http-json';
import type { CircuitBreaker } from './circuit-breaker';
import type { UrlPolicy } from './safe-url';

export interface TmfClientOptions {
  /** The API's base URL (…/tmf-api/<apiName>/v5). */
  baseUrl: string;
  tokenUrl?: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
  breaker: CircuitBreaker;
  clock: Clock;
  policy: UrlPolicy;
}

export interface TmfClient {
  call<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

export function createTmfClient(opts: TmfClientOptions): TmfClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const tokenUrl = opts.tokenUrl ?? `${new URL(base).origin}/oauth/token`;
  let token: { value: string; until: number } | undefined;

  async function accessToken(): Promise<string> {
    const now = opts.clock.now().getTime();
    if (token && token.until > now) return token.value;
    const answer = await httpCall(
      {
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: opts.clientId, client_secret: opts.clientSecret }).toString(),
        timeoutMs: opts.timeoutMs,
      },
      opts.policy,
    );
    const parsed = tokenSchema.safeParse(JSON.parse(answer.text));
    if (!parsed.success) throw new HttpCallError('the partner\'s token endpoint answered without an access_token');
    // Renewed 30 s before it expires (at least a minute's use assumed when the partner says nothing).
    token = { value: parsed.data.access_token, until: now + Math.max(30, (parsed.data.expires_in ?? 90) - 30) * 1000 };
    return token.value;
  }

  async function once<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, headers: Record<string, string>): Promise<T> {
    const answer = await httpCall(
      { method, url: `${base}${path}`, headers: { authorization: `Bearer ${await accessToken()}`, ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), timeoutMs: opts.timeoutMs },
      opts.policy,
    );
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }

  return {
    call: (method, path, body, headers = {}) =>
      opts.breaker.run(async () => {
        try {
          return await once(method, path, body, headers);
        } catch (e) {
          if (!(e instanceof HttpCallError && e.status === 401)) throw e;
          token = undefined;
          return once(method, path, body, headers);
        }
      }),
  };
}
