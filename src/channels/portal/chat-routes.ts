/**
 * Chat with us: Web Chat on a portal page, already verified. The page's script asks
 * POST /chat-with-us/token (CSRF header, the session cookie) for a Direct Line token bound to the
 * portal session (the composition root hands it over from the chat channel), so the bot greets
 * the customer by name and never asks for a PIN. The Web Chat bundle is loaded by that script
 * only on this page. "Talk to a person" (?person=1, linked from every page) opens the chat and
 * asks the bot for a person at once, with everything the customer did on the record.
 */
import { randomBytes } from 'node:crypto';
import type { Router } from 'express';
import type { RateLimit } from '../../domain/shared/ports';
import type { PortalSession } from '../../shared/portal-sessions';
import type { PortalPages } from './portal-pages';
import { customerOf } from './portal-session';
import { run, signedIn } from './route-kit';
import { WEBCHAT_SCRIPT } from './vendor-assets';

export interface ChatTokenMinted {
  conversationId: string;
  token: string;
  expires_in: number;
}

/**
 * The chat page's policy: still no inline script; Web Chat's own style elements carry this
 * response's nonce; its stream is a same-origin WebSocket; avatars and attachments may be data:/blob:.
 */
export const CHAT_CSP = (nonce: string): string =>
  [
    "default-src 'none'",
    "script-src 'self'",
    // The hash is of an empty style element Web Chat adds before it styles anything.
    `style-src 'self' 'nonce-${nonce}' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob: data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');

export function addChatRoutes(router: Router, deps: { pages: PortalPages; chatToken?: (session: PortalSession) => Promise<ChatTokenMinted | null>; budget?: RateLimit; csp: (nonce: string) => string }): void {
  const { pages } = deps;

  router.get('/chat-with-us', signedIn, (req, res) => {
    const w = pages.words(req);
    const nonce = randomBytes(16).toString('base64');
    res.set('Content-Security-Policy', deps.csp(nonce));
    const person = req.query.person === '1';
    pages.render(req, res, 'chat', {
      title: person ? w.t('chat.person') : w.t('chat.title'),
      current: person ? 'person' : 'chat',
      person,
      available: Boolean(deps.chatToken),
      nonce,
      webchatScript: WEBCHAT_SCRIPT,
      scripts: deps.chatToken ? ['/assets/portal-chat.js'] : [],
    });
  });

  router.post('/chat-with-us/token', run(async (req, res) => {
    res.set('Cache-Control', 'no-store');
    const me = customerOf(req);
    if (!me || !deps.chatToken) return void res.status(me ? 404 : 401).json({ error: me ? 'chat is not available' : 'sign in again' });
    const spent = await deps.budget?.hit(req.ip ?? 'unknown');
    if (spent && !spent.allowed) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(spent.retryAfterMs / 1000))));
      return void res.status(429).json({ error: 'too many chats started; try again in a minute' });
    }
    const minted = await deps.chatToken(me.session);
    if (!minted) return void res.status(401).json({ error: 'sign in again' });
    res.json(minted);
  }));
}
