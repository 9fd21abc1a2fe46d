/**
 * The /api/v1 router, built from the route table: authenticate, validate every part of the
 * request (nothing is called on bad input), apply Idempotency-Key replay, call Care, answer JSON.
 * Domain errors propagate to the problem handler, which maps their codes to statuses.
 */
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { anonymous } from '../../domain/shared/actor';
import { createPortalSessions, type PortalSession, type PortalSessions } from '../../shared/portal-sessions';
import { HttpProblem } from '../../shared/http/problem';
import { createIdempotency, parseIdempotencyKey, requestHash, type Idempotency } from './idempotency';
import { buildOpenApi } from './openapi';
import { EMPTY, parsePart, type AnyRoute, type ApiDeps, type RouteDeps } from './route-kit';
import { API_ROUTES } from './routes';

export const API_BASE_PATH = '/api/v1';

async function authenticate(req: Request, sessions: PortalSessions): Promise<PortalSession> {
  const header = req.get('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_.-]{1,4096})$/i.exec(header.trim()) : null;
  const session = match ? await sessions.authenticate(match[1]) : null;
  if (!session) {
    throw new HttpProblem(401, 'UNAUTHENTICATED', header ? 'The session token is invalid, has expired or was signed out; sign in again.' : 'Sign in first: send Authorization: Bearer <token> from POST /api/v1/sessions.', undefined, {
      'WWW-Authenticate': 'Bearer realm="telecare"',
    });
  }
  return { ...session, actor: { ...session.actor, channel: 'portal', source: req.ip } };
}

/** Spends the route's per-source budget, if it has one; past it, 429 with Retry-After. */
async function spendPerSource(route: AnyRoute, deps: ApiDeps, req: Request): Promise<void> {
  const limit = route.perSource ? deps.limits?.[route.perSource] : undefined;
  if (!limit) return;
  const state = await limit.hit(req.ip ?? 'unknown');
  if (state.allowed) return;
  const retryAfter = Math.max(1, Math.ceil(state.retryAfterMs / 1000));
  throw new HttpProblem(429, 'THROTTLED', `Too many requests of this kind from your address; try again in ${retryAfter} seconds.`, undefined, { 'Retry-After': String(retryAfter) });
}

function send(res: Response, status: number, body: unknown): void {
  res.status(status).json(body ?? null);
}

function handlerFor(route: AnyRoute, deps: RouteDeps, idempotency: Idempotency): RequestHandler {
  const pattern = `${API_BASE_PATH}${route.path}`;
  return async (req, res) => {
    res.locals.routePattern = pattern;
    await spendPerSource(route, deps, req);
    const session = route.auth === 'customer' ? await authenticate(req, deps.sessions) : undefined;
    const actor = session?.actor ?? anonymous('portal', req.ip);
    const params = parsePart('params', route.params ?? EMPTY, { ...req.params });
    const query = parsePart('query', route.query ?? EMPTY, { ...(req.query as Record<string, unknown>) });
    const body = parsePart('body', route.body ?? EMPTY.optional(), req.body);
    const key = route.idempotency === 'none' ? undefined : parseIdempotencyKey(req.get('idempotency-key'));
    if (route.idempotency === 'required' && key === undefined) {
      throw new HttpProblem(400, 'IDEMPOTENCY_KEY_REQUIRED', 'This request changes things: send an Idempotency-Key header (1 to 100 printable characters, e.g. a UUID) so a retry cannot do it twice.', [
        { path: 'header.Idempotency-Key', message: 'required' },
      ]);
    }
    const input = { params, query, body, actor, session, ctx: { channel: 'portal' as const, source: req.ip }, idempotencyKey: key, req };
    if (key === undefined) {
      send(res, route.status, await route.handle(input, deps));
      return;
    }

    const scope = actor.customerId ?? `anon:${req.ip ?? 'unknown'}`;
    const begun = await idempotency.begin(`${scope}:${route.method.toUpperCase()} ${pattern}:${key}`, requestHash({ path: req.path, query, body }, deps.fingerprintKey));
    if (begun.kind === 'replay') {
      res.setHeader('Idempotent-Replayed', 'true');
      send(res, begun.status, route.replay ? await route.replay.restore(begun.body, deps) : begun.body);
      return;
    }
    let result: unknown;
    try {
      result = await route.handle(input, deps);
    } catch (e) {
      await idempotency.abandon(begun.record).catch((err: unknown) => req.log?.warn({ err }, 'could not release an idempotency key'));
      throw e;
    }
    // The work is done; failing to record the replay must not turn it into an error (the domain dedupes on the key).
    await idempotency.complete(begun.record, route.status, route.replay ? route.replay.keep(result) : result).catch((err: unknown) => req.log?.warn({ err }, 'could not store an idempotent response'));
    send(res, route.status, result);
  };
}

export function makeApiRouter(apiDeps: ApiDeps, routes: readonly AnyRoute[] = API_ROUTES): Router {
  const deps: RouteDeps = { ...apiDeps, sessions: createPortalSessions(apiDeps.tokens, apiDeps.care.sessions) };
  const router = express.Router();
  const idempotency = createIdempotency(deps.stores.idempotency, deps.clock);
  let document: unknown;
  router.get('/openapi.json', (_req, res) => {
    res.locals.routePattern = `${API_BASE_PATH}/openapi.json`;
    document ??= buildOpenApi(routes, API_BASE_PATH);
    res.json(document);
  });
  for (const route of routes) router[route.method](route.path, handlerFor(route, deps, idempotency));

  // A known path with another method: 405 with Allow, not a misleading 404.
  const methods = new Map<string, Set<string>>();
  for (const r of routes) methods.set(r.path, (methods.get(r.path) ?? new Set()).add(r.method.toUpperCase()));
  for (const [path, allowed] of methods) {
    router.all(path, (req, _res, next) => {
      if (req.method === 'HEAD' && allowed.has('GET')) return next();
      const allow = [...allowed].join(', ');
      next(new HttpProblem(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use ${allow}.`, undefined, { Allow: allow }));
    });
  }
  return router;
}
