/**
 * Bearer tokens for the staff API: their own audience ('staff'), so a customer's portal token
 * is refused here and a staff token is refused on the customer API. The token is stateless;
 * sign-out revokes it by an opaque reference (its SHA-256) kept on the staff account.
 */
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { StaffView } from '../../domain/staff/staff';
import { isDomainError } from '../../domain/shared/errors';
import { HttpProblem } from '../../shared/http/problem';
import type { TokenSigner } from '../../shared/tokens';

export const STAFF_AUDIENCE = 'staff';

export interface StaffSession {
  staff: StaffView;
  /** Opaque reference of this token, for sign-out. */
  ref: string;
}

export const sessionRef = (token: string): string => createHash('sha256').update(token).digest('base64url');

const unauthenticated = (sent: boolean) =>
  new HttpProblem(401, 'UNAUTHENTICATED', sent ? 'The staff session is invalid, signed out or expired; sign in again.' : 'Sign in first: send Authorization: Bearer <token> from POST /api/v1/staff/sessions.', undefined, {
    'WWW-Authenticate': 'Bearer realm="telecare-staff"',
  });

export async function authenticateStaff(req: Request, tokens: TokenSigner, desk: StaffDesk): Promise<StaffSession> {
  const header = req.get('authorization');
  const match = header ? /^Bearer ([A-Za-z0-9_.-]{1,4096})$/i.exec(header.trim()) : null;
  const actor = match ? await tokens.verify(match[1], STAFF_AUDIENCE) : null;
  if (!match || !actor || actor.kind !== 'csr' || !actor.csrId) throw unauthenticated(!!header);
  const ref = sessionRef(match[1]);
  try {
    return { staff: await desk.sessions.authenticate(actor.csrId, ref), ref };
  } catch (e) {
    if (isDomainError(e) && e.code === 'NOT_FOUND') throw unauthenticated(true);
    throw e;
  }
}
