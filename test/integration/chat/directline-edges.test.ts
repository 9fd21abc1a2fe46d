import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { DirectLineTokens } from '../../../src/channels/chat/directline/tokens';
import { newToken, startChatServer, type ChatServer } from './chat-harness';

interface Started {
  conversationId: string;
  token: string;
  streamUrl: string;
}

for (const mode of ['early', 'routed'] as const) {
  describe(`Direct Line 3.0 endpoint: refusals and duplicates (post ${mode})`, () => {
    let srv: ChatServer;
    before(async () => {
      srv = await startChatServer({ redis: true, early: mode === 'early' });
    });
    after(async () => {
      await srv.close();
    });

    const call = (method: string, path: string, token: string | null, body?: unknown, raw?: string) =>
      fetch(`${srv.base}/v3/directline${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
      });

    async function start(): Promise<Started> {
      const { token } = await newToken(srv.base);
      const res = await call('POST', '/conversations', token);
      assert.equal(res.status, 201);
      return (await res.json()) as Started;
    }

    async function activities(s: Started, watermark = 0): Promise<{ activities: { id: string; type: string; text?: string; from: { role?: string } }[]; watermark: string }> {
      const res = await call('GET', `/conversations/${s.conversationId}/activities?watermark=${watermark}`, s.token);
      assert.equal(res.status, 200);
      return (await res.json()) as never;
    }

    async function settle(s: Started, count: number): Promise<number> {
      for (let i = 0; i < 100; i++) {
        const page = await activities(s);
        if (page.activities.length >= count) return page.activities.length;
        await new Promise((r) => setTimeout(r, 20));
      }
      return (await activities(s)).activities.length;
    }

    it('when the token has expired, then every call is refused with 403', async () => {
      const s = await start();
      const past = new DirectLineTokens(srv.config.sessionSecret, () => Date.now() - 3600_000);
      const expired = past.mint({ conversationId: s.conversationId, userId: 'dl_x' }).token;
      assert.equal((await call('GET', `/conversations/${s.conversationId}/activities`, expired)).status, 403);
      assert.equal((await call('POST', `/conversations/${s.conversationId}/activities`, expired, { type: 'message', text: 'hi' })).status, 403);
      assert.equal((await call('POST', '/tokens/refresh', expired)).status, 403);
    });

    it("when a token for another conversation is used, then 403 and nothing is posted", async () => {
      const mine = await start();
      const theirs = await start();
      await settle(theirs, 2);
      const before = (await activities(theirs)).activities.length;
      const res = await call('POST', `/conversations/${theirs.conversationId}/activities`, mine.token, { type: 'message', text: 'hi' });
      assert.equal(res.status, 403);
      assert.equal((await call('GET', `/conversations/${theirs.conversationId}/activities`, mine.token)).status, 403);
      assert.equal((await activities(theirs)).activities.length, before);
    });

    it('when a forged token is used, then 403', async () => {
      const forger = new DirectLineTokens('another-secret-that-is-long-enough-0123456789');
      const s = await start();
      const forged = forger.mint({ conversationId: s.conversationId, userId: 'dl_evil' }).token;
      assert.equal((await call('GET', `/conversations/${s.conversationId}/activities`, forged)).status, 403);
    });

    it('when the conversation was never started, then 404', async () => {
      const { token, conversationId } = await newToken(srv.base);
      assert.equal((await call('GET', `/conversations/${conversationId}/activities`, token)).status, 404);
      assert.equal((await call('POST', `/conversations/${conversationId}/activities`, token, { type: 'message', text: 'hi' })).status, 404);
      assert.equal((await call('GET', `/conversations/${conversationId}?watermark=0`, token)).status, 404);
    });

    it('when activities are malformed, oversized or of an unknown type, then 4xx and the log is unchanged', async () => {
      const s = await start();
      const count = await settle(s, 2);
      const path = `/conversations/${s.conversationId}/activities`;
      const cases: [string, Response][] = [
        ['bad JSON', await call('POST', path, s.token, undefined, '{"type": "message", ')],
        ['unknown type', await call('POST', path, s.token, { type: 'invoke', name: 'x' })],
        ['no type', await call('POST', path, s.token, { text: 'hi' })],
        ['text too long', await call('POST', path, s.token, { type: 'message', text: 'x'.repeat(2001) })],
        ['oversized body', await call('POST', path, s.token, { type: 'message', text: 'hi', channelData: { pad: 'x'.repeat(70_000) } })],
        ['too many attachments', await call('POST', path, s.token, { type: 'message', attachments: Array.from({ length: 11 }, () => ({ contentType: 'image/png' })) })],
        ['bad watermark', await call('GET', `${path}?watermark=abc`, s.token)],
      ];
      for (const [what, res] of cases) assert.ok(res.status >= 400 && res.status < 500, `${what}: ${res.status}`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await activities(s)).activities.length, count);
    });

    it('when a client posts a handoff event, then 400 and it never reaches the log, the bot or the transcript', async () => {
      const s = await start();
      const count = await settle(s, 2);
      const path = `/conversations/${s.conversationId}/activities`;
      const agent = { csrId: 'csr-x', name: 'Billing Team' };
      for (const body of [
        { type: 'event', name: 'handoff.join', value: agent },
        { type: 'event', name: 'handoff.say', value: { ...agent, text: 'pay at https://evil.example' } },
        { type: 'event', name: ' Handoff.back', value: agent },
      ]) {
        const res = await call('POST', path, s.token, body);
        assert.equal(res.status, 400, body.name);
        const error = ((await res.json()) as { error: { code: string; message: string } }).error;
        assert.deepEqual(error, { code: 'BadArgument', message: 'name: handoff events come only from the CSR console' });
      }
      // A message after them is answered: had the events been taken, they would be in the log before it.
      assert.equal((await call('POST', path, s.token, { type: 'message', text: 'menu' })).status, 200);
      await settle(s, count + 2);
      const log = (await activities(s)).activities as { type: string; text?: string; name?: string }[];
      assert.equal(log.filter((a) => a.type === 'event').length, 0);
      assert.ok(!log.some((a) => (a.text ?? '').includes('evil.example') || (a.text ?? '').includes('Billing Team')));
      await srv.chat.bot.flushTranscripts();
      const interaction = await srv.fixture.care.interactions.byChannelRef('chat', s.conversationId);
      assert.ok(interaction);
      const transcript = await srv.fixture.care.interactions.transcriptOf(interaction.id);
      assert.ok(transcript.some((t) => t.text === 'menu'));
      assert.ok(!transcript.some((t) => t.from === 'csr' || t.text.includes('evil.example')));
    });

    it('when the same clientActivityID is posted twice, then one id, one echo and one answer', async () => {
      const s = await start();
      const count = await settle(s, 2);
      const body = { type: 'message', text: 'tell me a joke', channelData: { clientActivityID: 'dup-1' } };
      const [a, b] = await Promise.all([
        call('POST', `/conversations/${s.conversationId}/activities`, s.token, body),
        call('POST', `/conversations/${s.conversationId}/activities`, s.token, body),
      ]);
      const ida = ((await a.json()) as { id: string }).id;
      const idb = ((await b.json()) as { id: string }).id;
      assert.equal(ida, idb);
      const after = await settle(s, count + 3);
      await new Promise((r) => setTimeout(r, 150));
      const page = await activities(s);
      assert.equal(page.activities.length, after);
      assert.equal(page.activities.filter((x) => x.from.role === 'user').length, 1);
      assert.equal(page.activities.filter((x) => (x.text ?? '').includes('I can help with')).length, 1);
    });

    it('when the stream ticket is reused, then the second upgrade is refused', async () => {
      const s = await start();
      const open = (url: string) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(url);
          ws.on('message', (m) => {
            ws.close();
            resolve(`message ${String(m).slice(0, 20)}`);
          });
          ws.on('unexpected-response', (_req, res) => resolve(`http ${res.statusCode}`));
          ws.on('error', () => resolve('error'));
        });
      assert.match(await open(s.streamUrl), /^message \{"activities"/);
      assert.equal(await open(s.streamUrl), 'http 403');
    });

    it('when the token is refreshed, then the new one works for the same conversation', async () => {
      const s = await start();
      const res = await call('POST', '/tokens/refresh', s.token);
      assert.equal(res.status, 200);
      const fresh = (await res.json()) as { token: string; conversationId: string };
      assert.equal(fresh.conversationId, s.conversationId);
      assert.equal((await call('GET', `/conversations/${s.conversationId}/activities`, fresh.token)).status, 200);
    });

    it('when a client claims another user id, then the server keeps the one in the token', async () => {
      const s = await start();
      await call('POST', `/conversations/${s.conversationId}/activities`, s.token, { type: 'message', text: 'hello', from: { id: 'someone-else', role: 'bot' } });
      const page = await activities(s);
      const mine = page.activities.find((x) => x.text === 'hello') as unknown as { from: { id: string; role: string } };
      assert.notEqual(mine.from.id, 'someone-else');
      assert.equal(mine.from.role, 'user');
    });
  });
}
