import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { decodeJwt } from 'jose';
import { demoPerson } from '../../../src/demo/demo-people';
import { createPortalSessions, type PortalSessions } from '../../../src/shared/portal-sessions';
import { createTokenSigner, type SignedToken } from '../../../src/shared/tokens';
import type { Actor } from '../../../src/domain/shared/actor';
import { newToken, startChatServer, type ChatServer } from './chat-harness';

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

describe('chat tokens derived from a portal session', () => {
  let srv: ChatServer;
  let portal: PortalSessions;
  beforeEach(async () => {
    srv = await startChatServer({ fixtureClock: true });
    portal = createPortalSessions(createTokenSigner(srv.config.sessionSecret, { clock: srv.fixture.clock }), srv.fixture.care.sessions);
  });
  afterEach(async () => {
    await srv.close();
  });

  const dana = demoPerson('bundle');

  async function portalSignIn(): Promise<{ actor: Actor; signed: SignedToken }> {
    const verified = await srv.fixture.care.verification.verifyPin({ accountNumber: dana.accountNumber, pin: dana.pin }, { channel: 'portal', source: '127.0.0.1' });
    const actor: Actor = { ...verified, channel: 'portal' };
    return { actor, signed: await portal.issue(actor) };
  }

  const call = (method: string, path: string, token: string, body?: unknown) =>
    fetch(`${srv.base}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function startConversation(token: string): Promise<Started> {
    const res = await call('POST', '/conversations', token);
    assert.equal(res.status, 201);
    return (await res.json()) as Started;
  }

  async function openStream(url: string): Promise<WebSocket> {
    const ws = new WebSocket(url);
    await once(ws, 'open');
    return ws;
  }

  it('when a chat token is taken 25 minutes into a portal session, then it expires with that session, refreshed or not', async () => {
    const { signed } = await portalSignIn();
    srv.fixture.clock.advance(25 * 60_000);
    const chat = await newToken(srv.base, signed.token);
    const portalExp = Date.parse(signed.expiresAt) / 1000;
    assert.equal(decodeJwt(chat.token).exp, portalExp);
    assert.equal((chat as unknown as { expires_in: number }).expires_in, 5 * 60);

    const refreshed = await call('POST', '/tokens/refresh', chat.token);
    assert.equal(refreshed.status, 200);
    const again = (await refreshed.json()) as { token: string };
    assert.equal(decodeJwt(again.token).exp, portalExp);

    srv.fixture.clock.advance(5 * 60_000);
    assert.equal((await call('POST', '/tokens/refresh', again.token)).status, 403);
  });

  it('when the portal session is signed out, then its chat token is refused, and no new one is given for it', async () => {
    const { actor, signed } = await portalSignIn();
    const chat = await newToken(srv.base, signed.token);
    const s = await startConversation(chat.token);
    assert.equal((await call('POST', `/conversations/${s.conversationId}/activities`, s.token, { type: 'message', from: { id: 'x' }, text: 'hi' })).status, 200);

    await srv.fixture.care.sessions.signOut(actor, { jti: signed.jti, expiresAt: signed.expiresAt });

    const posted = await call('POST', `/conversations/${s.conversationId}/activities`, s.token, { type: 'message', from: { id: 'x' }, text: 'still me?' });
    assert.equal(posted.status, 403);
    assert.equal((await call('POST', '/tokens/refresh', s.token)).status, 403);
    assert.equal((await call('GET', `/conversations/${s.conversationId}`, s.token)).status, 403);
    const res = await fetch(`${srv.base}/chat/token`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${signed.token}` }, body: '{}' });
    assert.equal(res.status, 401);
  });

  it('when the portal hands over its live session (verifiedToken), then the chat is bound to the customer, and a signed-out session gets no token', async () => {
    const { actor, signed } = await portalSignIn();
    const session = await portal.authenticate(signed.token);
    assert.ok(session);
    const handed = await srv.chat.verifiedToken(session);
    assert.ok(handed);
    const claims = decodeJwt(handed.token) as { act?: unknown; exp?: number; conv?: string };
    assert.deepEqual(claims.act, { customerId: actor.customerId, verification: 'verified' });
    assert.ok((claims.exp as number) <= Date.parse(signed.expiresAt) / 1000, 'never outlives the portal session');
    assert.equal((await startConversation(handed.token)).conversationId, handed.conversationId);

    await srv.fixture.care.sessions.signOut(actor, { jti: signed.jti, expiresAt: signed.expiresAt });
    assert.equal(await srv.chat.verifiedToken(session), null);
  });

  it('when the portal session is revoked while the chat stream is open, then the next check closes the stream', async () => {
    const { actor, signed } = await portalSignIn();
    const s = await startConversation((await newToken(srv.base, signed.token)).token);
    const ws = await openStream(s.streamUrl);
    assert.equal(await srv.chat.stream.sweep(), 0, 'a live session keeps its stream');
    assert.equal(ws.readyState, WebSocket.OPEN);

    await srv.fixture.care.sessions.signOutEverywhere(actor);
    const closed = once(ws, 'close');
    assert.equal(await srv.chat.stream.sweep(), 1);
    const [code, reason] = (await closed) as [number, Buffer];
    assert.equal(code, 1008);
    assert.equal(reason.toString(), 'session ended');
  });

  it('when the token a stream was opened with expires, then the stream is closed', async () => {
    const s = await startConversation((await newToken(srv.base)).token);
    const ws = await openStream(s.streamUrl);
    srv.fixture.clock.advance(29 * 60_000);
    assert.equal(await srv.chat.stream.sweep(), 0);
    srv.fixture.clock.advance(60_000);
    const closed = once(ws, 'close');
    assert.equal(await srv.chat.stream.sweep(), 1);
    const [code, reason] = (await closed) as [number, Buffer];
    assert.equal(code, 1008);
    assert.equal(reason.toString(), 'token expired');
  });

  it('when a stream is open as its portal session runs out, then its own timer closes it at that moment (no sweep)', async () => {
    const { signed } = await portalSignIn();
    srv.fixture.clock.advance(30 * 60_000 - 150); // 150 ms of the portal session left
    const s = await startConversation((await newToken(srv.base, signed.token)).token);
    const ws = await openStream(s.streamUrl);
    const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
    assert.equal(code, 1008);
    assert.equal(reason.toString(), 'token expired');
  });

  it('when a stream ticket is redeemed after its portal session ended, then the upgrade is refused', async () => {
    const { actor, signed } = await portalSignIn();
    const s = await startConversation((await newToken(srv.base, signed.token)).token);
    await srv.fixture.care.sessions.signOutEverywhere(actor);
    const ws = new WebSocket(s.streamUrl);
    const [err] = (await once(ws, 'error')) as [Error];
    assert.match(err.message, /403/);
  });
});
