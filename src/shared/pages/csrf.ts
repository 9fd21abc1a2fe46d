/**
 * CSRF protection for page forms: csrf-csrf's signed double-submit cookie, bound to the caller's
 * session (an HMAC over the session reference, so a token from one session is refused in
 * another). Every POST must carry the token in the `_csrf` field (or the x-csrf-token header);
 * without it or with a wrong one the request is refused before any handler runs.
 */
import type { Request, RequestHandler, Response } from 'express';
import { doubleCsrf } from 'csrf-csrf';

export interface PageCsrf {
  /** A token for the forms of this response (sets or reuses the cookie). */
  token(req: Request, res: Response): string;
  /** Refuses unsafe methods without a valid token (error with code EBADCSRFTOKEN, status 403). */
  protect: RequestHandler;
}

export const CSRF_FIELD = '_csrf';

export function isCsrfError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EBADCSRFTOKEN';
}

export function createPageCsrf(opts: { secret: string; secure: boolean; path: string; cookieName: string; sessionId: (req: Request) => string }): PageCsrf {
  const { generateCsrfToken, doubleCsrfProtection } = doubleCsrf({
    getSecret: () => opts.secret,
    getSessionIdentifier: opts.sessionId,
    // The __Host- prefix needs Secure (production); plain name over http in development and tests.
    cookieName: opts.secure ? `__Host-${opts.cookieName}` : opts.cookieName,
    cookieOptions: { sameSite: 'strict', secure: opts.secure, httpOnly: true, path: opts.secure ? '/' : opts.path },
    getCsrfTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const field = body && typeof body[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : undefined;
      return field ?? req.get('x-csrf-token');
    },
  });
  // One token per response: a second generation would set a second, different cookie.
  const token = (req: Request, res: Response): string => (res.locals.csrfToken ??= generateCsrfToken(req, res)) as string;
  return { token, protect: doubleCsrfProtection };
}
