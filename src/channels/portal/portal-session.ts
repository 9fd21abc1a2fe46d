/**
 * The customer's portal session: the same signed token the JSON API hands out (audience
 * 'portal', the customer's session version), kept in an httpOnly, SameSite=Lax cookie (Secure in
 * production). Every request checks it as the API does (signature, expiry, not signed out, account
 * not locked, PIN not changed since), so signing out here or through the API revokes it everywhere.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Actor } from '../../domain/shared/actor';
import type { CookieSession } from '../../shared/pages';
import type { PortalSession, PortalSessions } from '../../shared/portal-sessions';
import type { Clock } from '../../domain/shared/ports';

/** The signed-in customer of a request, as the portal's pages (and the procedure forms) use it. */
export interface PortalCustomer {
  /** Pass to every domain call: a customer actor on channel 'portal' (verification 'verified' after any sign-in), with the request's source. */
  actor: Actor;
  customerId: string;
  /** The session behind it: token id (what sign-out revokes), expiry (UTC ISO), session version. */
  session: PortalSession;
}

const customers = new WeakMap<Request, PortalCustomer>();

/** The signed-in customer of this request, or undefined. Valid after the session middleware (every portal route). */
export const customerOf = (req: Request): PortalCustomer | undefined => customers.get(req);

export function portalSessionMiddleware(cookie: CookieSession, sessions: PortalSessions): RequestHandler {
  return (req, res, next) => {
    const token = cookie.read(req);
    if (!token) return next();
    sessions.authenticate(token).then((session) => {
      if (!session) {
        cookie.clear(res);
        res.locals.sessionEnded = true;
        return next();
      }
      customers.set(req, { actor: { ...session.actor, channel: 'portal', source: req.ip }, customerId: session.customerId, session });
      next();
    }, next);
  };
}

/** Starts a session for a verified actor: the token goes into the cookie, lasting as long as the token. */
export async function startSession(res: Response, cookie: CookieSession, sessions: PortalSessions, clock: Clock, actor: Actor): Promise<void> {
  const signed = await sessions.issue({ ...actor, channel: 'portal', source: undefined });
  cookie.write(res, signed.token, Math.max(1, Math.floor((Date.parse(signed.expiresAt) - clock.now().getTime()) / 1000)));
}

/** What binds a CSRF token to the session: the token's reference, or one value before sign-in. */
export const csrfSessionId = (cookie: CookieSession) => (req: Request): string => {
  const token = cookie.read(req);
  return token ? createHash('sha256').update(token).digest('base64url') : 'signed-out';
};
