/**
 * One-line messages after a redirect (post/redirect/get): the redirect carries a short code
 * (`?notice=wrapped-up`) and the page shows the matching fixed text. Only known codes show, so
 * nothing from the URL is ever reflected into the page.
 */
import type { Request } from 'express';

export type FlashMessages = Record<string, { kind: 'ok' | 'error'; text: string }>;

export function flashFrom(req: Request, messages: FlashMessages): { kind: 'ok' | 'error'; text: string } | undefined {
  const code = req.query.notice;
  return typeof code === 'string' && Object.hasOwn(messages, code) ? messages[code] : undefined;
}

export const withNotice = (url: string, code: string): string => `${url}${url.includes('?') ? '&' : '?'}notice=${encodeURIComponent(code)}`;
