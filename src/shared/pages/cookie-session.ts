/**
 * A session kept in one cookie: the signed token itself (the same token the JSON API issues),
 * httpOnly (no script reads it), SameSite=Strict (no other site's page sends it; the portal takes
 * Lax so a link from an email or another site lands signed in, its forms still needing CSRF
 * tokens), Secure in production, scoped to the pages' path and lasting as long as the token.
 */
import type { CookieOptions, Request, Response } from 'express';

export interface CookieSession {
  read(req: Request): string | undefined;
  write(res: Response, token: string, maxAgeSeconds: number): void;
  clear(res: Response): void;
}

const TOKEN = /^[A-Za-z0-9_.-]{1,4096}$/;

export function cookieSession(opts: { name: string; path: string; secure: boolean; sameSite?: 'strict' | 'lax' }): CookieSession {
  const options: CookieOptions = { httpOnly: true, sameSite: opts.sameSite ?? 'strict', secure: opts.secure, path: opts.path };
  return {
    read(req) {
      const value = (req.cookies as Record<string, unknown> | undefined)?.[opts.name];
      return typeof value === 'string' && TOKEN.test(value) ? value : undefined;
    },
    write: (res, token, maxAgeSeconds) => void res.cookie(opts.name, token, { ...options, maxAge: maxAgeSeconds * 1000 }),
    clear: (res) => void res.clearCookie(opts.name, options),
  };
}
