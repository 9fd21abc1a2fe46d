/**
 * The demo page: GET /chat serves a page embedding Web Chat (the bundle comes from this server's
 * own node_modules, no CDN) that talks to our Direct Line endpoint with a token from POST /chat/token.
 * A portal session token (Authorization: Bearer) binds the conversation to that verified customer.
 */
import path from 'node:path';
import express from 'express';
import type { RateLimit } from '../../../domain/shared/ports';
import { withinBudget } from '../directline/directline-guards';
import type { PortalSession } from '../../../shared/portal-sessions';
import { DIRECTLINE_PATH } from '../directline/directline-router';
import { ATTACHMENTS_SUPPORTED } from '../bot/care-chat-dialog';
import { newConversationId, newUserId, bearer, type DirectLineTokens } from '../directline/tokens';

/** The UMD bundle (window.WebChat); the package exports only lib/ and dist/*.mjs, so it is found from lib/. */
const WEBCHAT_BUNDLE = path.resolve(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "media-src 'self' blob: data:",
  "worker-src 'self' blob:",
  "frame-ancestors 'self'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Brightwave chat</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #f4f6f8; }
  header { padding: 12px 16px; background: #0b5cad; color: #fff; }
  header p { margin: 4px 0 0; font-size: 13px; opacity: .9; }
  #webchat { height: calc(100% - 72px); max-width: 720px; margin: 0 auto; background: #fff; }
</style>
</head>
<body>
<header><strong>Brightwave Telecom — chat</strong><p>Demo: try account 31000101 with PIN 4821 and "I want to dispute a charge".</p></header>
<div id="webchat" role="main"></div>
<script src="/chat/webchat.js"></script>
<script src="/chat/demo.js"></script>
</body>
</html>`;

const SCRIPT = `(async function () {
  var headers = { 'Content-Type': 'application/json' };
  var portal = sessionStorage.getItem('portalToken');
  if (portal) headers.Authorization = 'Bearer ' + portal;
  var res = await fetch('/chat/token', { method: 'POST', headers: headers, body: '{}' });
  var t = await res.json();
  var directLine = window.WebChat.createDirectLine({ token: t.token, domain: location.origin + '${DIRECTLINE_PATH}' });
  // No upload button while the bot cannot use files (a file sent anyway gets an answer, never a hang).
  var styleOptions = { hideUploadButton: ${!ATTACHMENTS_SUPPORTED} };
  window.WebChat.renderWebChat({ directLine: directLine, locale: navigator.language || 'en-US', styleOptions: styleOptions }, document.getElementById('webchat'));
  // Closing the page ends the chat: a customer queued for an agent leaves the queue.
  window.addEventListener('pagehide', function () {
    fetch('${DIRECTLINE_PATH}/conversations/' + encodeURIComponent(t.conversationId) + '/activities', { method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + (directLine.token || t.token) }, body: JSON.stringify({ type: 'endOfConversation' }) });
  });
  document.querySelector('#webchat > *') && document.querySelector('#webchat').focus();
})().catch(function (e) { document.getElementById('webchat').textContent = 'Chat is unavailable: ' + e.message; });`;

/** `page: false` (production default, DEMO_CHAT_PAGE) leaves out the page and its scripts; POST /chat/token stays for the portal's chat. */
export function demoRouter(tokens: DirectLineTokens, portalSession: (token: string) => Promise<PortalSession | null>, opts: { page: boolean; tokenBudget?: RateLimit } = { page: true }): express.Router {
  const r = express.Router();
  if (opts.page) servePage(r);
  r.post('/chat/token', async (req, res) => {
    if (!(await withinBudget(opts.tokenBudget, req, res, 'chat tokens'))) return;
    const raw = bearer(req.get('authorization'));
    const session = raw ? await portalSession(raw) : null;
    if (raw && !session) return res.status(401).json({ error: { code: 'InvalidPortalToken', message: 'the portal session is invalid, has expired or was signed out' } });
    res.setHeader('Cache-Control', 'no-store');
    res.json(chatTokenFor(tokens, session));
  });
  return r;
}

export interface ChatToken {
  conversationId: string;
  token: string;
  expires_in: number;
}

/**
 * A token for a new conversation. With a live portal session of a known customer, the
 * conversation is bound to that customer at their verification level (the bot asks for no PIN)
 * and the token expires with the session and is refused once it is signed out or revoked.
 * The portal's own pages reach this through the composition root (the verified handover).
 */
export function chatTokenFor(tokens: DirectLineTokens, session: PortalSession | null): ChatToken {
  const actor = session?.actor;
  const conversationId = newConversationId();
  const minted =
    session && actor?.customerId && actor.verification !== 'none'
      ? tokens.mint({
          conversationId,
          userId: newUserId(),
          actor: { customerId: actor.customerId, verification: actor.verification },
          portal: { jti: session.jti, sv: session.sessionVersion, exp: Math.floor(Date.parse(session.expiresAt) / 1000) },
        })
      : tokens.mint({ conversationId, userId: newUserId() });
  return { conversationId, ...minted };
}

function servePage(r: express.Router): void {
  r.get('/chat', (_req, res) => {
    res.setHeader('Content-Security-Policy', CSP);
    res.type('html').send(PAGE);
  });
  r.get('/chat/demo.js', (_req, res) => {
    res.type('application/javascript').send(SCRIPT);
  });
  r.get('/chat/webchat.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.sendFile(WEBCHAT_BUNDLE);
  });
}
