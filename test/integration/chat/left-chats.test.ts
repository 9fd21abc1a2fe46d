/**
 * Nothing waits in a queue after its customer left, when the customer never said so: a queued
 * Direct Line conversation whose customer no process has seen for the grace (no stream socket
 * open, no poll, no post) is abandoned by the sweep, and so is one whose last token has expired.
 * A reconnect within the grace (on this process or another sharing Redis), a polling client, a
 * chat a CSR took, a callback and a Bot Framework conversation all stay. In-process and Redis
 * chat state; the sweep is driven directly on the fixture's clock.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { newToken, startChatServer, type ChatServer } from './chat-harness';
import { TOKEN_TTL_SEC } from '../../../src/channels/chat/directline/tokens';
import { CHAT_OVER_STEP } from '../../../src/domain/staff/chat-desk';

/** Resolves once `ready()` holds, re-checked on each turn of the event loop; rejects after 5 s. */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

interface Queued {
  conversationId: string;
  token: string;
  escalationId: string;
  interactionId: string;
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

for (const redis of [false, true]) {
  describe(`chat: queued customers who left without a word (${redis ? 'Redis' : 'in-process'} state)`, () => {
    let srv: ChatServer;
    const extra: ChatServer[] = [];
    const sockets: WebSocket[] = [];
    beforeEach(async () => {
      srv = await startChatServer({ fixtureClock: true, redis });
    });
    afterEach(async () => {
      for (const ws of sockets.splice(0)) ws.terminate();
      for (const s of extra.splice(0)) await s.close();
      await srv.close();
    });
    const graceMs = () => srv.config.chatLeftGraceSeconds * 1000;
    const advance = (ms: number) => srv.fixture.clock.advance(ms);

    /** A Direct Line customer (HTTP only, no socket yet) who asks for an agent. */
    async function queuedCustomer(on: ChatServer = srv): Promise<Queued> {
      const { token } = await newToken(on.base);
      const started = await fetch(`${on.base}/v3/directline/conversations`, { method: 'POST', headers: auth(token) });
      assert.equal(started.status, 201);
      const s = (await started.json()) as { conversationId: string; token: string };
      const posted = await fetch(`${on.base}/v3/directline/conversations/${s.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(s.token) }, body: JSON.stringify({ type: 'message', text: 'agent', from: { id: 'me' } }) });
      assert.equal(posted.status, 200);
      await on.chat.directLine.drain();
      const interaction = await on.fixture.care.interactions.byChannelRef('chat', s.conversationId);
      const escalationId = interaction?.links.escalationId;
      assert.ok(interaction && escalationId, 'the customer is queued');
      return { conversationId: s.conversationId, token: s.token, escalationId, interactionId: interaction.id };
    }

    /** Reconnects as Web Chat does (GET the conversation with the token, open its streamUrl) on `on`; resolves once the server serves it. */
    async function openStream(q: Queued, on: ChatServer = srv): Promise<WebSocket> {
      const res = await fetch(`${on.base}/v3/directline/conversations/${q.conversationId}`, { headers: auth(q.token) });
      assert.equal(res.status, 200);
      const { streamUrl } = (await res.json()) as { streamUrl: string };
      const ws = new WebSocket(streamUrl);
      sockets.push(ws);
      await once(ws, 'open');
      await until(() => on.chat.stream.openFor(q.conversationId) > 0, 'the server to serve the stream');
      return ws;
    }

    async function closeStream(ws: WebSocket, q: Queued, on: ChatServer = srv): Promise<void> {
      ws.close();
      await until(() => on.chat.stream.openFor(q.conversationId) === 0, 'the server to see the stream closed');
    }

    const poll = async (q: Queued, on: ChatServer = srv) => {
      const res = await fetch(`${on.base}/v3/directline/conversations/${q.conversationId}/activities`, { headers: auth(q.token) });
      return res.status;
    };
    const statusOf = async (id: string) => (await srv.fixture.stores.escalations.get(id))?.status;

    it('when the customer\'s stream closes and no process sees them again, then the sweep abandons the escalation once the grace has passed (not before) and the contact ends as a closed chat', async () => {
      const q = await queuedCustomer();
      const ws = await openStream(q);
      advance(10 * 60_000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'an open stream keeps its customer in line (this process\'s heartbeat)');
      await closeStream(ws, q);
      advance(graceMs() - 1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      assert.equal(await statusOf(q.escalationId), 'queued');

      advance(1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [q.escalationId]);
      const e = await srv.fixture.stores.escalations.get(q.escalationId);
      assert.equal(e?.status, 'abandoned');
      assert.equal(e?.abandoned?.reason, 'chat-ended');
      assert.equal(await srv.fixture.care.escalations.position(q.escalationId), 0);
      // The contact closes as when the customer closes the chat: the escalated interaction records why its escalation ended.
      const i = await srv.fixture.care.interactions.get(q.interactionId);
      assert.deepEqual(i.steps.find((st) => st.name === 'escalation.abandoned')?.detail, { escalationId: q.escalationId, reason: 'chat-ended' });
      assert.deepEqual(i.steps.find((st) => st.name === CHAT_OVER_STEP)?.detail, { escalationId: q.escalationId, reason: 'customer-left' });
      assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'once');

      // Back after all (the token is still good): out of the line, as after closing the chat (never told "still in line").
      const posted = await fetch(`${srv.base}/v3/directline/conversations/${q.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(q.token) }, body: JSON.stringify({ type: 'message', text: 'hello?', from: { id: 'me' } }) });
      assert.equal(posted.status, 200);
      await srv.chat.directLine.drain();
      const all = (await (await fetch(`${srv.base}/v3/directline/conversations/${q.conversationId}/activities`, { headers: auth(q.token) })).json()) as { activities: { from: { role?: string }; text?: string }[] };
      const stillInLine = all.activities.filter((a) => a.from.role === 'bot' && /still in line/.test(a.text ?? ''));
      assert.deepEqual(stillInLine, []);
      assert.equal(await statusOf(q.escalationId), 'abandoned');
    });

    it('when the stream closes and the page reconnects within the grace, then the customer keeps their place, and an open stream keeps it for good', async () => {
      const q = await queuedCustomer();
      await closeStream(await openStream(q), q);
      advance(graceMs() - 5000);
      const again = await openStream(q);
      advance(10_000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      advance(10 * 60_000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'still there: the heartbeat marks it seen');
      assert.equal(await statusOf(q.escalationId), 'queued');
      await closeStream(again, q);
      advance(graceMs());
      assert.deepEqual(await srv.chat.sweepLeftChats(), [q.escalationId]);
    });

    it('when the customer polls for activities instead of holding a socket, then they stay in line while polling, and leave it once they stop', async () => {
      const q = await queuedCustomer();
      for (let n = 0; n < 5; n += 1) {
        advance(graceMs() - 1000);
        assert.equal(await poll(q), 200);
        assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      }
      assert.equal(await statusOf(q.escalationId), 'queued');
      advance(graceMs());
      assert.deepEqual(await srv.chat.sweepLeftChats(), [q.escalationId]);
    });

    it('when a CSR has taken the chat, then the customer\'s stream closing does not abandon it', async () => {
      const q = await queuedCustomer();
      const ws = await openStream(q);
      await srv.fixture.care.escalations.assign(q.escalationId, 'stf_test_csr');
      await closeStream(ws, q);
      advance(graceMs() * 10);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      assert.equal(await statusOf(q.escalationId), 'assigned');
      assert.equal((await srv.fixture.care.interactions.get(q.interactionId)).steps.some((st) => st.name === CHAT_OVER_STEP), false, 'the contact is the CSR\'s to close');
    });

    it('when the last token of a queued conversation expires, then the sweep abandons the escalation, however recently the customer was seen', async () => {
      const q = await queuedCustomer();
      advance((TOKEN_TTL_SEC - 30) * 1000);
      assert.equal(await poll(q), 200);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'a customer who can still come back keeps their place');
      advance(31_000);
      assert.equal(await poll(q), 403, 'the token has expired');
      assert.deepEqual(await srv.chat.sweepLeftChats(), [q.escalationId]);
      assert.equal((await srv.fixture.stores.escalations.get(q.escalationId))?.abandoned?.reason, 'chat-ended');
    });

    it('when Web Chat keeps refreshing the token and polling, then the customer keeps their place past the first token\'s expiry', async () => {
      const q = await queuedCustomer();
      advance((TOKEN_TTL_SEC / 2) * 1000);
      const refreshed = await fetch(`${srv.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: auth(q.token) });
      assert.equal(refreshed.status, 200);
      const fresh = { ...q, token: ((await refreshed.json()) as { token: string }).token };
      advance((TOKEN_TTL_SEC / 2 + 30) * 1000);
      assert.equal(await poll(fresh), 200);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      assert.equal(await statusOf(q.escalationId), 'queued');
    });

    it('when a queued chat is not a Direct Line conversation of ours (Bot Framework channel) or is a callback, then the sweep leaves it queued', async () => {
      const care = srv.fixture.care;
      const other = await care.interactions.start({ kind: 'customer', channel: 'chat', verification: 'none' }, { channel: 'chat', channelRef: 'teams-19:abc' });
      const foreign = await care.escalations.escalate({ kind: 'customer', channel: 'chat', verification: 'none' }, other.id, { reason: 'asked for an agent in Teams' });
      const { escalationId } = await queuedCustomer();
      await care.escalations.requestCallback(escalationId, { number: '217 555 0177' });
      srv.fixture.clock.advance((TOKEN_TTL_SEC + 60) * 1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      assert.equal(await statusOf(foreign.id), 'queued');
      assert.equal(await statusOf(escalationId), 'queued', 'a callback waits to be called, not chatted with');
    });

    if (redis) {
      it('when the customer\'s stream moves to another web process sharing Redis, then a sweep on the first keeps them in line while the other holds it, and abandons once it closes there', async () => {
        const b = await startChatServer({ fixtureClock: true, redis, peerOf: srv });
        extra.push(b);
        const q = await queuedCustomer();
        await closeStream(await openStream(q), q);
        advance(graceMs() / 2);
        const onB = await openStream(q, b);
        advance(graceMs() - 1000);
        assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'seen on B when it reconnected');
        advance(10 * 60_000);
        assert.deepEqual(await b.chat.sweepLeftChats(), [], 'B\'s heartbeat');
        assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'A sees what B saw');
        assert.equal(await statusOf(q.escalationId), 'queued');
        await closeStream(onB, q, b);
        advance(graceMs());
        assert.deepEqual(await srv.chat.sweepLeftChats(), [q.escalationId]);
      });
    }
  });
}
