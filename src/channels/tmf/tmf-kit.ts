/**
 * What every TMF route shares: the partner's bearer token, its scope, the audit of the call,
 * paging (`offset`, `limit` with X-Total-Count / X-Result-Count), `fields` selection cut down to
 * what the partner may see, request bodies checked against the published schemas.
 */
import type { Request, Response, RequestHandler } from 'express';
import type { Clock } from '../../domain/shared/ports';
import type { Care } from '../../domain/care';
import type { AuditLog } from '../../domain/staff/audit';
import type { Partner, PartnerScope } from '../../domain/partners/partner';
import type { PartnersApi } from '../../domain/partners/partners-api';
import type { PartnerQueries, Page } from '../../domain/partners/partner-queries';
import type { Catalog } from '../../domain/catalog/catalog-schema';
import type { ClientTokenSigner } from '../../shared/tokens';
import { isDomainError } from '../../domain/shared/errors';
import type { TmfApi, TmfSpecs } from './spec/tmf-specs';
import { TmfError } from './tmf-errors';
import type { Hub } from './hub/hub';
export { visible } from './tmf-kit-visible';

export const TMF_AUDIENCE = 'telecare-tmf';
export const TMF_BASE = '/tmf-api';

export interface TmfDeps {
  care: Care;
  partners: PartnersApi;
  queries: PartnerQueries;
  tokens: ClientTokenSigner;
  audit: AuditLog;
  specs: TmfSpecs;
  catalog: () => Catalog;
  clock: Clock;
  hub: Hub;
  /** Absolute origin for `href`s (PUBLIC_BASE_URL). */
  origin: string;
  /** Seconds an access token lasts. */
  tokenTtlSeconds: number;
  /** Replays a creating request's first answer for its key; refuses the key for a different request. */
  replay: KeyedReplay;
  /** Per-source budget of token requests (each costs a slow hash). */
  throttle: { consume(key: string): Promise<boolean> };
}

/**
 * Keyed replay of creating requests (the portal API's Idempotency-Key store): the first answer is
 * kept and given again; the same key with another body is refused (422), one still running is 409.
 */
export interface KeyedReplay {
  run(scope: string, request: { path: string; body: unknown }, work: () => Promise<TmfReply>): Promise<TmfReply>;
}

export interface PartnerCall {
  partner: Partner;
  scopes: PartnerScope[];
  /** The customer the call was about, for the audit. */
  customerId?: string;
}

/** The answer of a route: a status, a body, headers. */
export interface TmfReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const bearer = (req: Request): string | undefined => /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(req.get('authorization') ?? '')?.[1];

/**
 * A route run for a partner: token checked (401), scope checked (403), the work done, the call
 * audited (ok or refused, with its code) before the answer leaves; a failed audit fails the call.
 */
export function partnerRoute(deps: TmfDeps, scope: PartnerScope, work: (call: PartnerCall, req: Request) => Promise<TmfReply>): RequestHandler {
  return async (req: Request, res: Response, next) => {
    const route = `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;
    let call: PartnerCall | undefined;
    try {
      const token = bearer(req);
      const verified = token ? await deps.tokens.verify(token, TMF_AUDIENCE) : null;
      const partner = verified ? await deps.partners.get(verified.subject) : null;
      if (!verified || !partner) {
        await deps.audit.record({ username: '-', action: 'partner.call', result: 'refused', code: 'UNAUTHENTICATED', detail: { route } });
        throw new TmfError(401, 'UNAUTHENTICATED', 'unauthenticated', 'Send a valid access token: Authorization: Bearer <token> from POST /oauth/token.', { 'WWW-Authenticate': 'Bearer realm="tmf-api"' });
      }
      // What the token was granted, still held by the partner now (a scope withdrawn since no longer counts).
      const scopes = verified.scopes.filter((s): s is PartnerScope => partner.scopes.includes(s as PartnerScope));
      call = { partner, scopes };
      const current = call;
      const reply = await (async () => {
        if (!scopes.includes(scope)) throw new TmfError(403, 'NOT_PERMITTED', 'insufficient scope', `This call needs the scope ${scope}.`);
        return work(current, req);
      })().catch(async (e: unknown) => {
        const code = e instanceof TmfError ? e.code : isDomainError(e) ? e.code : 'ERROR';
        await deps.audit.record({ username: partner.clientId, partnerId: partner.id, action: 'partner.call', result: 'refused', code, ...(current.customerId ? { customerId: current.customerId } : {}), detail: { route } });
        throw e;
      });
      await deps.audit.record({ username: partner.clientId, partnerId: partner.id, action: 'partner.call', result: 'ok', ...(current.customerId ? { customerId: current.customerId } : {}), detail: { route, status: reply.status } });
      for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
      if (reply.body === undefined) res.status(reply.status).end();
      else res.status(reply.status).json(reply.body);
    } catch (e) {
      next(e);
    }
  };
}

const MAX_LIMIT = 100;

/** `offset` and `limit` from the query: non-negative integers, limit 1..100 (default 20). */
export function pageOf(query: Request['query']): Page {
  const num = (name: string, dflt: number, min: number, max: number): number => {
    const raw = query[name];
    if (raw === undefined) return dflt;
    if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      throw new TmfError(400, 'BAD_REQUEST', `invalid ${name}`, `${name} must be an integer from ${min} to ${max}.`);
    }
    return Number(raw);
  };
  return { offset: num('offset', 0, 0, 1_000_000), limit: num('limit', 20, 1, MAX_LIMIT) };
}

/** The `fields` query parameter as a set of top-level names, or undefined for all. */
export function fieldsOf(query: Request['query']): Set<string> | undefined {
  const raw = query.fields;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^[@A-Za-z0-9.,_-]{1,1000}$/.test(raw)) throw new TmfError(400, 'BAD_REQUEST', 'invalid fields', 'fields is a comma-separated list of attribute names.');
  return new Set(raw.split(',').map((f) => f.split('.')[0]!.trim()).filter(Boolean));
}

/** A list reply with the TMF paging headers. */
export function listReply(items: unknown[], total: number): TmfReply {
  return { status: 200, body: items, headers: { 'X-Total-Count': String(total), 'X-Result-Count': String(items.length) } };
}

/** Checks a request body against a schema of the API's published specification; 400 naming each problem. */
export function checkBody(specs: TmfSpecs, api: TmfApi, schema: string, body: unknown): void {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw new TmfError(400, 'BAD_REQUEST', 'missing body', `The request body must be a JSON ${schema} object.`);
  const errors = specs.validate(api, schema, body);
  if (errors.length > 0) throw new TmfError(400, 'VALIDATION_FAILED', `not a valid ${schema}`, errors.slice(0, 10).map((e) => `${e.path}: ${e.message}`).join('; '));
}
