/**
 * Nothing waits in a queue after its customer left, when the customer never said so: once the
 * last Direct Line token handed out for a queued conversation has expired (the page was closed,
 * nobody refreshes it), the sweep abandons the escalation. In-process and Redis chat state.
 */
import assert from 'node:assert/strict';
import { newToken, startChatServer, type ChatServer } from './chat-harness';
import { TOKEN_TTL_SEC } from '../../../src/channels/chat/directline/tokens';

for (const redis of [false, true]) {
  describe(`chat: queued customers who left without a word (${redis ? 'Redis' : 'in-process'} state)`, () => {
    let srv: ChatServer;
    beforeEach(async () => {
      srv = await startChatServer({ fixtureClock: true, redis });
    });
    afterEach(() => srv.close());

    /** A Direct Line customer who asks for an agent; returns their conversation, token and escalation id. */
    async function queuedCustomer(): Promise<{ conversationId: string; token: string; escalationId: string }> {
      const { token } = await newToken(srv.base);
      const started = await fetch(`${srv.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      assert.equal(started.status, 201);
      const s = (await started.json()) as { conversationId: string; token: string };
      const posted = await fetch(`${srv.base}/v3/directline/conversations/${s.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify({ type: 'message', text: 'agent', from: { id: 'me' } }) });
      assert.equal(posted.status, 200);
      await srv.chat.directLine.drain();
      const interaction = await srv.fixture.care.interactions.byChannelRef('chat', s.conversationId);
      const escalationId = interaction?.links.escalationId;
      assert.ok(escalationId, 'the customer is queued');
      return { conversationId: s.conversationId, token: s.token, escalationId };
    }
    const statusOf = async (id: string) => (await srv.fixture.stores.escalations.get(id))?.status;

    it('when the last token of a queued conversation expires, then the sweep abandons the escalation (chat-ended), and not a moment before', async () => {
      const { escalationId } = await queuedCustomer();
      srv.fixture.clock.advance((TOKEN_TTL_SEC - 60) * 1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [], 'a customer who can still come back keeps their place');
      assert.equal(await statusOf(escalationId), 'queued');

      srv.fixture.clock.advance(61_000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [escalationId]);
      const e = await srv.fixture.stores.escalations.get(escalationId);
      assert.equal(e?.status, 'abandoned');
      assert.equal(e?.abandoned?.reason, 'chat-ended');
      assert.equal(await srv.fixture.care.escalations.position(escalationId), 0);
    });

    it('when Web Chat keeps refreshing the token, then the customer keeps their place past the first token\'s expiry', async () => {
      const { token, escalationId } = await queuedCustomer();
      srv.fixture.clock.advance((TOKEN_TTL_SEC / 2) * 1000);
      const refreshed = await fetch(`${srv.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      assert.equal(refreshed.status, 200);
      srv.fixture.clock.advance((TOKEN_TTL_SEC / 2 + 60) * 1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), []);
      assert.equal(await statusOf(escalationId), 'queued');
      srv.fixture.clock.advance((TOKEN_TTL_SEC / 2) * 1000);
      assert.deepEqual(await srv.chat.sweepLeftChats(), [escalationId]);
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
  });
}
