/**
 * Portal sessions: a customer's token for the portal API (audience 'portal'), and the check that
 * it is still a live session (the customer's session version, signed-out tokens, a lock). The API
 * runs it on every authenticated request; the chat channel runs it before deriving a chat token
 * from a portal session and while that chat is open.
 */
import type { SessionRef, SessionsApi } from '../domain/care';
import type { Actor } from '../domain/shared/actor';
import type { SignedToken, TokenSigner } from './tokens';

export const PORTAL_AUDIENCE = 'portal';

export interface PortalSession extends SessionRef {
  actor: Actor;
  /** UTC ISO time the token expires. */
  expiresAt: string;
}

export interface PortalSessions {
  /** A token for a customer actor, under the customer's current session version; expiring no later than notAfter. */
  issue(actor: Actor, opts?: { notAfter?: Date }): Promise<SignedToken>;
  /** The live session a token stands for; null when it is malformed, forged, expired or revoked. */
  authenticate(token: string): Promise<PortalSession | null>;
  /** Whether a session seen earlier is still live (signed out, locked, PIN changed since?). */
  isActive(session: SessionRef): Promise<boolean>;
}

export function createPortalSessions(signer: TokenSigner, sessions: Pick<SessionsApi, 'version' | 'isActive'>): PortalSessions {
  return {
    async issue(actor, opts = {}) {
      if (actor.kind !== 'customer' || !actor.customerId) throw new TypeError('a portal session is for a customer');
      return signer.sign(actor, PORTAL_AUDIENCE, { sessionVersion: await sessions.version(actor.customerId), notAfter: opts.notAfter });
    },
    async authenticate(token) {
      const verified = await signer.verifyToken(token, PORTAL_AUDIENCE);
      if (!verified || verified.sessionVersion === undefined) return null;
      const { actor, jti, expiresAt, sessionVersion } = verified;
      if (actor.kind !== 'customer' || !actor.customerId) return null;
      const session: PortalSession = { actor, customerId: actor.customerId, jti, expiresAt, sessionVersion };
      return (await sessions.isActive(session)) ? session : null;
    },
    isActive: (session) => sessions.isActive(session),
  };
}
