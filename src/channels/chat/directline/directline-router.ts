/**
 * Direct Line 3.0 over HTTP, as botframework-directlinejs calls it: POST /conversations,
 * GET /conversations/:id?watermark= (reconnect), POST|GET /conversations/:id/activities,
 * POST /tokens/refresh, POST /tokens/generate (with the Direct Line secret). Errors use Direct Line's shape { error: { code, message } }; 403 means
 * "this token can't do that" (the client then refreshes or gives up), 404 an unknown conversation.
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { runChain } from '../../../shared/http/run-chain';
import { IncomingActivity } from './activity-schema';
import { ConversationFullError, ConversationGoneError } from './ports';
import { bearer, type DirectLineClaims, type DirectLineTokens } from './tokens';
import type { DirectLineService } from './directline-service';
import { generateToken, withinBudget, type DirectLineGuards } from './directline-guards';
import { uploadActivity } from './directline-upload';

export const DIRECTLINE_PATH = '/v3/directline';
const MAX_BODY = '16kb';
const UPLOAD = /^\/conversations\/[^/]+\/upload\/?$/;

type Authed = Request & { claims?: DirectLineClaims };

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/**
 * The WebSocket URL a client reconnects to: scheme, host and path prefix from PUBLIC_BASE_URL
 * when it is set (wss:// behind a TLS-terminating proxy), else from the request (development).
 */
export function streamUrlFor(req: Request, conversationId: string, ticket: string, watermark: string, publicBaseUrl?: string): string {
  const wm = watermark ? `&watermark=${encodeURIComponent(watermark)}` : '';
  const tail = `${DIRECTLINE_PATH}/conversations/${encodeURIComponent(conversationId)}/stream?t=${ticket}${wm}`;
  if (publicBaseUrl) {
    const base = new URL(publicBaseUrl);
    return `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}${base.pathname.replace(/\/+$/, '')}${tail}`;
  }
  return `${req.protocol === 'https' ? 'wss' : 'ws'}://${req.get('host')}${tail}`;
}

function parseWatermark(raw: unknown): number | null {
  if (raw === undefined || raw === '' || raw === '-') return 0;
  if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw)) return null;
  return Number(raw);
}

export function directLineRouter(svc: DirectLineService, tokens: DirectLineTokens, guards: DirectLineGuards = {}, publicBaseUrl?: string): express.Router {
  const r = express.Router();
  const json = express.json({ limit: MAX_BODY, type: () => true });
  // Uploads are multipart (read by uploadActivity); everything else is JSON.
  r.use((req, res, next) => (UPLOAD.test(req.path) ? next() : json(req, res, next)));

  const auth = async (req: Authed, res: Response, next: NextFunction) => {
    const raw = bearer(req.get('authorization'));
    if (!raw) return fail(res, 401, 'MissingToken', 'Authorization: Bearer <token> is required');
    const claims = await tokens.authorize(raw);
    if (!claims) return fail(res, 403, 'TokenExpired', 'the token is invalid or has expired');
    req.claims = claims;
    next();
  };

  /** The token must be bound to the conversation in the path, and that conversation must exist. */
  const ownConversation = async (req: Authed, res: Response, next: NextFunction) => {
    if (req.claims?.conv !== req.params.id) return fail(res, 403, 'Forbidden', 'the token is not valid for this conversation');
    if (!(await svc.exists(req.params.id as string))) return fail(res, 404, 'NotFound', 'unknown conversation');
    next();
  };

  const session = async (req: Authed, watermark: string) => {
    const claims = req.claims as DirectLineClaims;
    const { token, expires_in } = tokens.mint({ conversationId: claims.conv, userId: claims.user, actor: claims.act, portal: claims.ps });
    // The stream lives as long as the token it was opened with (the client reconnects with a refreshed one).
    const minted = tokens.verify(token) ?? claims;
    await svc.handedOut(claims.conv, minted.exp);
    await svc.seen([claims.conv]);
    const ticket = await svc.issueTicket(claims.conv, minted);
    return { conversationId: claims.conv, token, expires_in, streamUrl: streamUrlFor(req, claims.conv, ticket, watermark, publicBaseUrl) };
  };

  const startBudget = (req: Request, res: Response, next: NextFunction) => {
    withinBudget(guards.conversations, req, res, 'conversations').then((ok) => ok && next(), next);
  };

  r.post('/conversations/:id/upload', auth, ownConversation, (req: Authed, res, next) => {
    uploadActivity(svc, req.claims as DirectLineClaims, req, res, fail).catch(next);
  });

  r.post('/conversations', startBudget, auth, async (req: Authed, res) => {
    const { created } = await svc.start(req.claims as DirectLineClaims);
    res.status(created ? 201 : 200).json(await session(req, ''));
  });

  r.get('/conversations/:id', auth, ownConversation, async (req: Authed, res) => {
    const wm = parseWatermark(req.query.watermark);
    if (wm === null) return fail(res, 400, 'BadArgument', 'watermark must be a number');
    res.json(await session(req, wm ? String(wm) : ''));
  });

  // Also served ahead of the Express stack by directLinePostEarly (the same function below).
  r.post('/conversations/:id/activities', (req, res, next) => void postActivity(svc, tokens, guards, req, res, req.params.id as string).catch(next));

  r.get('/conversations/:id/activities', auth, ownConversation, async (req, res) => {
    const wm = parseWatermark(req.query.watermark);
    if (wm === null) return fail(res, 400, 'BadArgument', 'watermark must be a number');
    // A polling client (no WebSocket) is there as long as it polls.
    const [page] = await Promise.all([svc.activitiesAfter(req.params.id as string, wm), svc.seen([req.params.id as string])]);
    res.json({ activities: page.activities, watermark: String(page.watermark) });
  });

  r.post('/conversations/:id/upload', auth, ownConversation, (_req, res) => {
    fail(res, 415, 'UnsupportedMediaType', 'attachments are not supported on this endpoint');
  });

  r.post('/tokens/generate', generateToken(tokens, guards.secret));

  r.post('/tokens/refresh', auth, async (req: Authed, res) => {
    const claims = req.claims as DirectLineClaims;
    const minted = tokens.mint({ conversationId: claims.conv, userId: claims.user, actor: claims.act, portal: claims.ps });
    // A refreshed token keeps the customer reachable (a queued chat is not swept while they can come back).
    await Promise.all([svc.handedOut(claims.conv, tokens.verify(minted.token)?.exp ?? claims.exp), svc.seen([claims.conv])]);
    res.json({ conversationId: claims.conv, ...minted });
  });

  r.use(bodyErrors);
  return r;
}

/** Body-parser failures in Direct Line's error shape; anything else goes on to the app's problem handler. */
function bodyErrors(err: Error & { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction): void {
  if (res.headersSent) return next(err);
  if (err.type === 'entity.too.large') return void fail(res, 413, 'RequestTooLarge', `activities are limited to ${MAX_BODY}`);
  if (err.type === 'entity.parse.failed') return void fail(res, 400, 'BadArgument', 'the body is not valid JSON');
  if (err.status && err.status >= 400 && err.status < 500) return void fail(res, err.status, 'BadArgument', err.message);
  next(err);
}

/**
 * POST /conversations/:id/activities: the token must be bound to this conversation, the
 * conversation must exist, the body must be an activity we accept; then it is stored (the echo
 * Web Chat waits for) and the bot's turn is queued. Replies { id }.
 */
async function postActivity(svc: DirectLineService, tokens: DirectLineTokens, guards: DirectLineGuards, req: Request, res: Response, conversationId: string): Promise<void> {
  if (!(await withinBudget(guards.activities, req, res, 'activities'))) return;
  const raw = bearer(req.get('authorization'));
  if (!raw) return void fail(res, 401, 'MissingToken', 'Authorization: Bearer <token> is required');
  const claims = await tokens.authorize(raw);
  if (!claims) return void fail(res, 403, 'TokenExpired', 'the token is invalid or has expired');
  if (claims.conv !== conversationId) return void fail(res, 403, 'Forbidden', 'the token is not valid for this conversation');
  if (!(await svc.exists(conversationId))) return void fail(res, 404, 'NotFound', 'unknown conversation');
  const parsed = IncomingActivity.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return void fail(res, 400, 'BadArgument', `${issue.path.join('.') || 'activity'}: ${issue.message}`);
  }
  try {
    // Posting is being there too (a presence write that fails never fails the post: the next one tries again).
    const [{ id }] = await Promise.all([svc.post(claims, parsed.data, req.ip), svc.seen([conversationId]).catch(() => undefined)]);
    res.json({ id });
  } catch (err) {
    if (err instanceof ConversationFullError) return void fail(res, 429, 'TooManyActivities', 'this conversation is full; start a new one');
    if (err instanceof ConversationGoneError) return void fail(res, 404, 'NotFound', 'unknown conversation');
    throw err;
  }
}

const POST_ACTIVITY = new RegExp(`^${DIRECTLINE_PATH}/conversations/([^/?]+)/activities/?(?:\\?.*)?$`);

/**
 * The Direct Line post, served ahead of the Express stack. A customer's every message is one of
 * these, and going through every router layer (health, the API, voice, the chat router and its
 * sub-router) costs more than the rest of the request. `common` are the app's own first
 * middlewares (security headers, request id and access log, metrics), applied here in the same
 * order, so the response, its log line and its metrics are what the routed path would give.
 * Everything else passes on untouched.
 */
export function directLinePostEarly(svc: DirectLineService, tokens: DirectLineTokens, common: readonly RequestHandler[], guards: DirectLineGuards = {}): RequestHandler {
  const json = express.json({ limit: MAX_BODY, type: () => true });
  const chain = [...common, json];
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const m = POST_ACTIVITY.exec(req.url);
    if (!m) return next();
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(m[1]);
    } catch {
      return next(); // malformed escapes: the router answers as it does for any bad path
    }
    res.locals.routePattern = `${DIRECTLINE_PATH}/conversations/:id/activities`;
    runChain(chain, req, res, (err) => {
      if (err) return bodyErrors(err as Error, req, res, next);
      postActivity(svc, tokens, guards, req, res, conversationId).catch(next);
    });
  };
}
