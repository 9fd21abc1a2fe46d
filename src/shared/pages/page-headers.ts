/**
 * Headers for server-rendered pages: a strict Content Security Policy (scripts, styles, images
 * and connections only from this origin; no inline script or style; forms post only here; no
 * framing), and no caching of pages that show customer data. Applied after helmet, replacing
 * its more permissive default CSP for these routes.
 */
import express, { type RequestHandler } from 'express';
import path from 'node:path';
import { webDir } from './views';

export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** `csp`: a page that needs more (the portal's Web Chat page) passes its own, still without inline script. */
export function pageHeaders(csp: string = PAGE_CSP): RequestHandler {
  return (_req, res, next) => {
    res.set({ 'Content-Security-Policy': csp, 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' });
    next();
  };
}

/** The shared stylesheets and scripts (web/assets), served with revalidation. */
export function pageAssets(dir: string = path.join(webDir(), 'assets')): RequestHandler {
  return express.static(dir, { index: false, fallthrough: true, etag: true, maxAge: '1h', redirect: false });
}
