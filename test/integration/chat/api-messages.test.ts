/**
 * /api/messages as the Bot Framework Emulator and Azure Bot Service channels use it: activities
 * POSTed to the bot, replies POSTed back to the activity's serviceUrl (here a local sink that
 * answers as the Bot Connector does). With an app id configured, unauthenticated posts are refused.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { startChatServer, type ChatServer } from './chat-harness';
import { recordConnections } from '../../support/connection-recorder';

interface Reply {
  path: string;
  activity: { type: string; text?: string; replyToId?: string; conversation?: { id: string }; suggestedActions?: { actions: { title: string }[] } };
}

/** The connector side: records every activity the bot sends to serviceUrl. */
async function startSink(host = '127.0.0.1'): Promise<{ url: string; port: number; replies: Reply[]; close(): Promise<void> }> {
  const replies: Reply[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      replies.push({ path: req.url ?? '', activity: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Reply['activity'] });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    replies,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

describe('chat: /api/messages (CloudAdapter)', () => {
  let sink: Awaited<ReturnType<typeof startSink>>;
  before(async () => {
    sink = await startSink();
  });
  after(() => sink.close());
  beforeEach(() => void sink.replies.splice(0));

  const activity = (conversationId: string, fields: Record<string, unknown>) => ({
    id: randomUUID(),
    channelId: 'emulator',
    serviceUrl: sink.url,
    from: { id: 'emulator-user', name: 'User', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    conversation: { id: conversationId },
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    ...fields,
  });
  const post = (srv: ChatServer, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${srv.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  describe('without an app id (the Emulator)', () => {
    let srv: ChatServer;
    before(async () => {
      srv = await startChatServer();
    });
    after(() => srv.close());

    it('when the Emulator opens a conversation and asks for the menu, then the replies reach its serviceUrl and the conversation is one interaction with its transcript', async () => {
      const conversationId = `emu-${randomUUID()}`;
      const joined = await post(srv, activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'emulator-user' }] }));
      assert.equal(joined.status, 200);
      const greeting = sink.replies.find((r) => r.activity.type === 'message');
      assert.ok(greeting, 'the bot greeted');
      assert.match(greeting.path, new RegExp(`^/v3/conversations/${conversationId}/activities`));

      const asked = activity(conversationId, { type: 'message', text: 'menu' });
      assert.equal((await post(srv, asked)).status, 200);
      const answer = sink.replies.find((r) => r.activity.replyToId === asked.id);
      assert.ok(answer, `a reply to the message: ${JSON.stringify(sink.replies.map((r) => r.activity.text))}`);
      assert.ok((answer.activity.suggestedActions?.actions.length ?? 0) >= 5, 'the menu offers the procedures as buttons');

      await srv.chat.bot.flushTranscripts();
      const interaction = await srv.fixture.care.interactions.byChannelRef('chat', conversationId);
      assert.ok(interaction, 'the conversation is an interaction');
      const transcript = await srv.fixture.care.interactions.transcriptOf(interaction.id);
      assert.ok(transcript.some((t) => t.from === 'customer' && t.text === 'menu'));
    });

    it('when a customer queued for an agent leaves the conversation (conversationUpdate membersRemoved), then the escalation leaves the queue at once', async () => {
      const conversationId = `emu-${randomUUID()}`;
      assert.equal((await post(srv, activity(conversationId, { type: 'message', text: 'agent' }))).status, 200);
      const queued = sink.replies.find((r) => /number 1 in line/.test(r.activity.text ?? ''));
      assert.ok(queued, `queued: ${JSON.stringify(sink.replies.map((r) => r.activity.text))}`);
      const interaction = await srv.fixture.care.interactions.byChannelRef('chat', conversationId);
      const escalationId = interaction?.links.escalationId;
      assert.ok(escalationId);
      // Someone joining is not someone leaving: the escalation stays queued.
      assert.equal((await post(srv, activity(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'another-user' }] }))).status, 200);
      assert.equal((await srv.fixture.stores.escalations.get(escalationId))?.status, 'queued');
      assert.equal((await post(srv, activity(conversationId, { type: 'conversationUpdate', membersRemoved: [{ id: 'emulator-user' }] }))).status, 200);
      const left = await srv.fixture.stores.escalations.get(escalationId);
      assert.equal(left?.status, 'abandoned');
      assert.equal(left?.abandoned?.reason, 'chat-ended');
    });

    it('when a handoff event is posted, then 400 naming it and the bot does not run', async () => {
      const conversationId = `emu-${randomUUID()}`;
      const res = await post(srv, activity(conversationId, { type: 'event', name: 'handoff.say', value: { csrId: 'csr-x', name: 'Billing Team', text: 'pay at https://evil.example' } }));
      assert.equal(res.status, 400);
      const problem = (await res.json()) as { code: string; errors: { path: string; message: string }[] };
      assert.equal(problem.code, 'BAD_REQUEST');
      assert.deepEqual(problem.errors, [{ path: 'body.name', message: 'handoff events come only from the CSR console' }]);
      assert.equal(sink.replies.length, 0);
      assert.equal(await srv.fixture.care.interactions.byChannelRef('chat', conversationId), null);
    });

    it('when the body is not an activity, then 400 and the bot does not run', async () => {
      const res = await fetch(`${srv.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": ' });
      assert.equal(res.status, 400);
      const empty = await post(srv, {});
      assert.ok(empty.status >= 400 && empty.status < 500, `empty activity: ${empty.status}`);
      assert.equal(sink.replies.length, 0);
    });

    it('when an anonymous activity names a serviceUrl that is not loopback, then 400 naming serviceUrl, the bot does not run and nothing is contacted', async () => {
      // A listener on every interface, reachable as http://0.0.0.0:<port>: the address an attacker would aim at.
      const everywhere = await startSink('0.0.0.0');
      const recorder = recordConnections();
      try {
        const targets = [everywhere.url, 'http://169.254.169.254/latest/meta-data/', 'https://internal.example/', 'http://[::ffff:127.0.0.1]:1/', 'http://localhost.attacker.example/'];
        for (const serviceUrl of targets) {
          const conversationId = `ssrf-${randomUUID()}`;
          const res = await post(srv, activity(conversationId, { type: 'message', text: 'menu', serviceUrl }));
          assert.equal(res.status, 400, serviceUrl);
          const body = (await res.json()) as { code: string; errors: { path: string }[] };
          assert.equal(body.code, 'BAD_REQUEST');
          assert.deepEqual(body.errors.map((e) => e.path), ['body.serviceUrl']);
          assert.equal(await srv.fixture.care.interactions.byChannelRef('chat', conversationId), null, 'the bot did not run');
        }
        const serverPort = Number(new URL(srv.base).port);
        assert.deepEqual(recorder.attempts.filter((a) => a.port !== serverPort), [], 'no connection but the test client to the server');
        assert.equal(everywhere.replies.length, 0);
        assert.equal(sink.replies.length, 0);
      } finally {
        recorder.stop();
        await everywhere.close();
      }
    });

    it('when an anonymous activity names localhost as serviceUrl, then the bot runs and answers there', async () => {
      const conversationId = `emu-${randomUUID()}`;
      const res = await post(srv, activity(conversationId, { type: 'message', text: 'menu', serviceUrl: sink.url.replace('127.0.0.1', 'localhost') }));
      assert.equal(res.status, 200);
      assert.ok(sink.replies.some((r) => r.path.startsWith(`/v3/conversations/${conversationId}/`)), 'the reply reached the loopback sink');
    });
  });

  describe('with an app id and password (Azure Bot Service)', () => {
    let srv: ChatServer;
    before(async () => {
      srv = await startChatServer({ env: { MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-secret-for-tests' } });
    });
    after(() => srv.close());

    it('when a post carries no Bot Framework token or a forged one, then 401 and the bot does not run', async () => {
      const conversationId = `azure-${randomUUID()}`;
      const anonymous = await post(srv, activity(conversationId, { type: 'message', text: 'menu', channelId: 'webchat' }));
      assert.equal(anonymous.status, 401);
      const forged = await post(srv, activity(conversationId, { type: 'message', text: 'menu', channelId: 'webchat' }), { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' });
      assert.equal(forged.status, 401);
      assert.equal(sink.replies.length, 0);
      assert.equal(await srv.fixture.care.interactions.byChannelRef('chat', conversationId), null);
    });
  });
});
