/**
 * makeApp(deps): the Express application without listening, so tests drive it with supertest
 * and the server decides where it listens. Order: the channels' early hot paths (which apply the
 * next three themselves), security headers, request id and access log, metrics, JSON bodies (64 kB), health, the /api/v1 API, the channels' routers, 404, problems.
 */
import type { Server } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import helmet from 'helmet';
import type { Care } from './domain/care';
import type { Stores } from './domain/ports/store';
import { systemClock, type Clock } from './domain/shared/ports';
import type { Logger } from './shared/logger';
import { metricsMiddleware, metricsRegistry } from './shared/metrics';
import { requestContext } from './shared/http/request-context';
import { runChain } from './shared/http/run-chain';
import { notFoundHandler, problemHandler } from './shared/http/problem';
import { createTokenSigner, type TokenSigner } from './shared/tokens';
import { API_BASE_PATH, makeApiRouter } from './channels/api/api-router';
import type { ApiDeps } from './channels/api/route-kit';

/** A channel's router (voice, chat) and where it is mounted. */
export interface ChannelMount {
  path: string;
  router: express.Router;
  /** Called with the listening server (e.g. WebSocket upgrades). */
  attach?(server: Server): void;
  /** Called on shutdown. */
  close?(): Promise<void> | void;
  /**
   * A handler for a hot path, mounted ahead of everything else; given the app's common
   * middlewares (security headers, request id and access log, metrics) to apply itself.
   * It calls next() for every request it does not serve.
   */
  early?(common: readonly express.RequestHandler[]): express.RequestHandler;
  /**
   * Mount the whole router ahead of the app's other routes (a channel that owns its path, like
   * /voice, hit on every caller keypress): the common middlewares run inline, then the router;
   * what it does not answer gets the app's 404, its errors the app's problem handler.
   */
  hot?: boolean;
}

/** The common middlewares, then `handler`, as one middleware (no router layers in between). */
function inline(common: readonly express.RequestHandler[], handler: express.RequestHandler, after: express.RequestHandler, onError: express.ErrorRequestHandler): express.RequestHandler {
  return (req, res, next) => {
    const fail = (err: unknown): void => void onError(err, req, res, next);
    runChain(common, req, res, (err) => {
      if (err) return fail(err);
      void handler(req, res, (e?: unknown) => {
        if (e && e !== 'router' && e !== 'route') fail(e);
        else void after(req, res, next);
      });
    });
  };
}

export interface AppDeps {
  care: Care;
  stores: Stores;
  logger: Logger;
  /** Signs portal tokens; or give `sessionSecret` and one is made. */
  tokens?: TokenSigner;
  sessionSecret?: string;
  clock?: Clock;
  /** Present when REDIS_URL is set: checked by /readyz. */
  redis?: { ping(): Promise<unknown> };
  channels?: ChannelMount[];
  /** Per-source budgets of the API's routes (registrations). */
  limits?: ApiDeps['limits'];
  /** Express 'trust proxy' (TRUST_PROXY): which X-Forwarded-* headers to believe for req.ip and req.protocol. */
  trustProxy?: boolean | number | string[];
  /** /metrics: not served when `serve` is false; with a token, only to `Authorization: Bearer <token>`. Default: served openly. */
  metrics?: { serve: boolean; token?: string };
}

const READY_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([probe().then((r) => r !== false), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** No token: everyone may. Else the header must carry it (compared in constant time). */
function bearerCheck(token: string | undefined): (header: string | undefined) => boolean {
  if (token === undefined) return () => true;
  const digest = (v: string) => createHash('sha256').update(v).digest();
  const expected = digest(token);
  return (header) => {
    const m = /^Bearer (\S+)$/.exec(header ?? '');
    return m !== null && timingSafeEqual(digest(m[1]), expected);
  };
}

export function makeApp(deps: AppDeps): express.Express {
  const clock = deps.clock ?? systemClock;
  const tokens = deps.tokens ?? (deps.sessionSecret ? createTokenSigner(deps.sessionSecret, { clock }) : undefined);
  if (!tokens) throw new Error('makeApp needs tokens or sessionSecret');

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  // No weak ETags on dynamic JSON and TwiML (a SHA-1 per response nobody revalidates); static files keep theirs.
  app.set('etag', false);
  const common = [helmet(), requestContext(deps.logger), metricsMiddleware()];
  const notFound = notFoundHandler();
  const problems = problemHandler();
  for (const channel of deps.channels ?? []) {
    if (channel.early) app.use(channel.early(common));
    if (channel.hot) app.use(channel.path, inline(common, channel.router, notFound, problems));
  }
  app.use(...common);
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks: Record<string, 'ok' | 'failed'> = {};
    checks.store = (await check(() => deps.stores.ping())) ? 'ok' : 'failed';
    if (deps.redis) {
      const redis = deps.redis;
      checks.redis = (await check(() => redis.ping())) ? 'ok' : 'failed';
    }
    const failed = Object.entries(checks).filter(([, v]) => v === 'failed').map(([k]) => k);
    res.status(failed.length ? 503 : 200).json({ status: failed.length ? 'unavailable' : 'ready', checks, ...(failed.length ? { failed } : {}) });
  });
  if (deps.metrics?.serve !== false) {
    const allowed = bearerCheck(deps.metrics?.token);
    app.get('/metrics', async (req, res) => {
      if (!allowed(req.get('authorization'))) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return void res.status(401).type('text/plain').send('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
      }
      res.type(metricsRegistry.contentType).send(await metricsRegistry.metrics());
    });
  }

  app.use(API_BASE_PATH, makeApiRouter({ care: deps.care, stores: deps.stores, tokens, clock, limits: deps.limits, fingerprintKey: deps.sessionSecret }));
  for (const channel of deps.channels ?? []) if (!channel.hot) app.use(channel.path, channel.router);

  app.use(notFound);
  app.use(problems);
  return app;
}
