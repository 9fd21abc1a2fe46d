/**
 * What guards our Direct Line endpoint beyond tokens: per-source budgets (client IP) on starting
 * conversations and posting activities, answered 429 with Retry-After in Direct Line's error
 * shape; and POST /tokens/generate, authorised with the Direct Line secret as Azure's service
 * does (Authorization: Bearer <secret>), for clients and samples that fetch a token that way.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { RateLimit } from '../../../domain/shared/ports';
import { bearer, newConversationId, newUserId, type DirectLineTokens } from './tokens';

export interface DirectLineGuards {
  /** Conversations started per source. */
  conversations?: RateLimit;
  /** Activities posted per source. */
  activities?: RateLimit;
  /** The Direct Line secret; absent = POST /tokens/generate refuses. */
  secret?: string;
}

const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

/** Spends one point of `limit` for the request's source; false (and a 429 sent) when over budget. */
export async function withinBudget(limit: RateLimit | undefined, req: Request, res: Response, what: string): Promise<boolean> {
  if (!limit) return true;
  const state = await limit.hit(req.ip ?? 'unknown');
  if (state.allowed) return true;
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(state.retryAfterMs / 1000))));
  fail(res, 429, 'TooManyRequests', `too many ${what} from this address; try again later`);
  return false;
}

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
const sameSecret = (given: string, secret: string): boolean => timingSafeEqual(digest(given), digest(secret));

const GenerateBody = z
  .object({
    user: z.object({ id: z.string().regex(/^[A-Za-z0-9_:.@-]{1,64}$/, 'user.id is 1 to 64 letters, digits or _:.@-').optional(), name: z.string().max(200).optional() }).optional(),
    trustedOrigins: z.array(z.string().max(2000)).max(20).optional(),
  })
  .passthrough();

/** POST /tokens/generate: a token for a new conversation, as Azure's Direct Line service gives one for the secret. */
export function generateToken(tokens: DirectLineTokens, secret: string | undefined): RequestHandler {
  return (req, res) => {
    const given = bearer(req.get('authorization'));
    if (!given) return void fail(res, 401, 'MissingToken', 'Authorization: Bearer <Direct Line secret> is required');
    if (!secret) return void fail(res, 403, 'Forbidden', 'token generation is not enabled on this server');
    if (!sameSecret(given, secret)) return void fail(res, 403, 'Forbidden', 'the Direct Line secret is not valid');
    const parsed = GenerateBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return void fail(res, 400, 'BadArgument', `${issue.path.join('.') || 'body'}: ${issue.message}`);
    }
    const conversationId = newConversationId();
    const minted = tokens.mint({ conversationId, userId: parsed.data.user?.id ?? newUserId() });
    res.setHeader('Cache-Control', 'no-store');
    res.json({ conversationId, ...minted });
  };
}
