/**
 * Abuse limits on the chat channel: verification counted per client address (not per
 * conversation), one-time code sends told plainly, per-source budgets on tokens, conversations
 * and activities (429 + Retry-After), deep channelData refused, tokens from the Direct Line secret.
 */
import assert from 'node:assert/strict';
import type { Activity, Message } from 'botframework-directlinejs';
import type { Throttle } from '../../../src/domain/shared/ports';
import { createThrottle } from '../../../src/adapters/throttle';
import { loadConfig } from '../../../src/config/config';
import { connect, type TestClient } from './directline-client';
import { newToken, startChatServer, type ChatServer } from './chat-harness';

const botSays = (s: string) => (a: Activity) => a.from.role === 'bot' && a.type === 'message' && ((a as Message).text ?? '').toLowerCase().includes(s.toLowerCase());

/** A per-key budget recording the keys spent. */
function recordingThrottle(points: number): Throttle & { spent: string[] } {
  const used = new Map<string, number>();
  const spent: string[] = [];
  return {
    spent,
    async consume(key) {
      spent.push(key);
      used.set(key, (used.get(key) ?? 0) + 1);
      return (used.get(key) ?? 0) <= points;
    },
  };
}

describe('chat: abuse limits', () => {
  let srv: ChatServer;
  let clients: TestClient[] = [];
  afterEach(async () => {
    for (const c of clients) c.end();
    clients = [];
    await srv?.close();
  });

  async function toPinQuestion(): Promise<TestClient> {
    const { token } = await newToken(srv.base);
    const c = connect({ token, domain: `${srv.base}/v3/directline`, transport: 'polling' });
    clients.push(c);
    await c.waitFor(botSays('Brightwave assistant'), 'greeting');
    await c.say('I want to dispute a charge on my bill');
    await c.waitFor(botSays('account number'), 'account question');
    await c.say(srv.fixture.people[0].accountNumber);
    await c.waitFor(botSays('PIN'), 'PIN question');
    return c;
  }

  it('when PINs are guessed from fresh conversations, then they count against the client address and the budget runs out across conversations', async () => {
    const throttle = recordingThrottle(3);
    srv = await startChatServer({ care: { throttle } });
    const first = await toPinQuestion();
    await first.say('0000');
    await first.waitFor(botSays('tries left'), 'first refusal');
    await first.say('1111');
    await first.waitFor(botSays('3 tries left'), 'second refusal');
    const second = await toPinQuestion();
    await second.say('2222');
    await second.waitFor(botSays('2 tries left'), 'third refusal');
    await second.say(srv.fixture.people[0].pin);
    await second.waitFor(botSays('too many attempts'), 'throttled');
    assert.equal(new Set(throttle.spent).size, 1, `one key for both conversations: ${throttle.spent.join(', ')}`);
    assert.match(throttle.spent[0], /^verify:(::ffff:)?127\.0\.0\.1$/);
    const customer = await srv.fixture.stores.customers.findOne({ accountNumber: srv.fixture.people[0].accountNumber });
    assert.equal(customer?.lockout.consecutiveFailures, 3, 'the throttled attempt was not counted');
  });

  it('when a chatter asks for more codes than a customer may get, then the bot says so plainly and asks for the PIN instead', async () => {
    srv = await startChatServer({ care: { codeSends: { perCustomer: 1, perSource: 100, windowMinutes: 15 } } });
    const c = await toPinQuestion();
    await c.say('send me a code', { field: 'send-code', value: true });
    await c.waitFor(botSays('sent a one-time code'), 'code sent');
    await c.say('send me a code', { field: 'send-code', value: true });
    await c.waitFor(botSays('as many codes as I can'), 'code limit');
    await c.waitFor(botSays('PIN'), 'back to the PIN question');
    assert.equal(srv.fixture.backends.notifier.sent.length, 1);
  });

  describe('per-source budgets', () => {
    const post = (path: string, token: string | null, body?: unknown) =>
      fetch(`${srv.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body ?? {}) });

    it('when one address asks too many chat tokens, then 429 with Retry-After', async () => {
      srv = await startChatServer({ limits: { chatTokens: createThrottle({ points: 2, durationSec: 60 }) } });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await post('/chat/token', null)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
      const refused = await post('/chat/token', null);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'TooManyRequests');
    });

    it('when one address starts too many conversations, then 429 with Retry-After and no conversation is created', async () => {
      srv = await startChatServer({ limits: { directLineConversations: createThrottle({ points: 1, durationSec: 60 }) } });
      const a = await newToken(srv.base);
      const b = await newToken(srv.base);
      assert.equal((await post('/v3/directline/conversations', a.token)).status, 201);
      const refused = await post('/v3/directline/conversations', b.token);
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) > 0);
      assert.equal(await srv.state.directLine.getConversation(b.conversationId), null);
    });

    for (const early of [true, false]) {
      it(`when one address posts too many activities (post ${early ? 'early' : 'routed'}), then 429 with Retry-After and the extra one is not stored`, async () => {
        srv = await startChatServer({ early, limits: { directLineActivities: createThrottle({ points: 2, durationSec: 60 }) } });
        const { token, conversationId } = await newToken(srv.base);
        assert.equal((await post('/v3/directline/conversations', token)).status, 201);
        const path = `/v3/directline/conversations/${conversationId}/activities`;
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await post(path, token, { type: 'message', text: `hello ${i}` })).status);
        assert.deepEqual(statuses, [200, 200, 429]);
        await srv.chat.directLine.drain();
        const log = await srv.state.directLine.activitiesAfter(conversationId, 0, 100);
        assert.deepEqual(log.activities.filter((a) => (a.from as { role?: string }).role === 'user').map((a) => a.text), ['hello 0', 'hello 1']);
      });

      it(`when channelData nests thousands of levels deep (post ${early ? 'early' : 'routed'}), then 400 BadArgument and nothing is stored`, async () => {
        srv = await startChatServer({ early });
        const { token, conversationId } = await newToken(srv.base);
        assert.equal((await post('/v3/directline/conversations', token)).status, 201);
        const depth = 5000;
        const raw = `{"type":"message","text":"hi","channelData":{"deep":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
        const res = await fetch(`${srv.base}/v3/directline/conversations/${conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: raw });
        assert.equal(res.status, 400);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'BadArgument');
        await srv.chat.directLine.drain();
        const log = await srv.state.directLine.activitiesAfter(conversationId, 0, 100);
        assert.ok(!log.activities.some((a) => (a.from as { role?: string }).role === 'user'), 'nothing from the client was stored');
      });
    }

    it("when a client posts extra channelData, then only Web Chat's clientActivityID and clientTimestamp are kept", async () => {
      srv = await startChatServer();
      const { token, conversationId } = await newToken(srv.base);
      await post('/v3/directline/conversations', token);
      const res = await post(`/v3/directline/conversations/${conversationId}/activities`, token, { type: 'message', text: 'hi', channelData: { clientActivityID: 'c-1', clientTimestamp: '2026-11-20T15:00:00Z', pad: 'x'.repeat(8000) } });
      assert.equal(res.status, 200);
      const log = await srv.state.directLine.activitiesAfter(conversationId, 0, 100);
      const mine = log.activities.find((a) => (a.from as { role?: string }).role === 'user');
      assert.deepEqual(mine?.channelData, { clientActivityID: 'c-1', clientTimestamp: '2026-11-20T15:00:00Z' });
    });
  });

  describe('tokens from the Direct Line secret', () => {
    const SECRET = 'directline-secret-for-tests-0123456789abcdef';
    const generate = (auth: string | null, body: unknown = {}) =>
      fetch(`${srv.base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) }, body: JSON.stringify(body) });

    it('when a backend generates a token with the secret, then a standard client converses with it', async () => {
      srv = await startChatServer({ env: { DIRECTLINE_SECRET: SECRET } });
      const res = await generate(`Bearer ${SECRET}`, { user: { id: 'dl_site-user-7' } });
      assert.equal(res.status, 200);
      const body = (await res.json()) as { conversationId: string; token: string; expires_in: number };
      assert.ok(body.conversationId && body.token);
      assert.equal(body.expires_in, 1800);
      assert.equal(srv.chat.tokens.verify(body.token)?.user, 'dl_site-user-7');
      const c = connect({ token: body.token, domain: `${srv.base}/v3/directline`, transport: 'polling' });
      clients.push(c);
      await c.waitFor(botSays('Brightwave assistant'), 'greeting');
      assert.equal((c.dl as unknown as { conversationId: string }).conversationId, body.conversationId);
      const refreshed = await fetch(`${srv.base}/v3/directline/tokens/refresh`, { method: 'POST', headers: { authorization: `Bearer ${body.token}` } });
      assert.equal(refreshed.status, 200);
      assert.equal(((await refreshed.json()) as { conversationId: string }).conversationId, body.conversationId);
    });

    it('when the secret is wrong, missing, or not configured in production, then no token is given', async () => {
      srv = await startChatServer({ env: { DIRECTLINE_SECRET: SECRET } });
      assert.equal((await generate(`Bearer ${SECRET.slice(0, -1)}x`)).status, 403);
      assert.equal((await generate(null)).status, 401);
      const sessionSecret = loadConfig({ NODE_ENV: 'test' }).sessionSecret;
      assert.equal((await generate(`Bearer ${sessionSecret}`)).status, 403, 'the session secret is not the Direct Line secret');
      assert.equal((await generate(`Bearer ${SECRET}`, { user: { id: 'has spaces' } })).status, 400);
      await srv.close();
      srv = await startChatServer({ config: { env: 'production' } }); // DIRECTLINE_SECRET unset
      const off = await generate(`Bearer ${SECRET}`);
      assert.equal(off.status, 403);
      assert.match(((await off.json()) as { error: { message: string } }).error.message, /not enabled/);
    });
  });
});
