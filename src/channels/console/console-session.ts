/**
 * The console's staff session: the staff token (audience 'staff', as the staff API's Bearer
 * token) kept in an httpOnly, SameSite=Strict cookie. It is checked on every request the same
 * way as the API's (signature, audience, a CSR actor, the account active and the session not
 * signed out), so signing out here or through the API revokes it everywhere.
 */
import type { Request } from 'express';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import { isDomainError } from '../../domain/shared/errors';
import type { CookieSession } from '../../shared/pages';
import type { TokenSigner } from '../../shared/tokens';
import { sessionRef, STAFF_AUDIENCE, type StaffSession } from '../staff-api/staff-auth';

export async function consoleSession(req: Request, cookie: CookieSession, tokens: TokenSigner, desk: StaffDesk): Promise<StaffSession | undefined> {
  const token = cookie.read(req);
  if (!token) return undefined;
  const actor = await tokens.verify(token, STAFF_AUDIENCE);
  if (!actor || actor.kind !== 'csr' || !actor.csrId) return undefined;
  const ref = sessionRef(token);
  try {
    return { staff: await desk.sessions.authenticate(actor.csrId, ref), ref };
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') return undefined;
    throw e;
  }
}

/** What binds a CSRF token to the session: the token's reference, or one value before sign-in. */
export const csrfSessionId = (cookie: CookieSession) => (req: Request): string => {
  const token = cookie.read(req);
  return token ? sessionRef(token) : 'signed-out';
};
