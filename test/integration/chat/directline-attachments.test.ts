/**
 * A file sent from Web Chat never leaves the message "Sending": the post (JSON, or the multipart
 * upload botframework-directlinejs uses for local files) succeeds, the echo carries only the
 * file's type and name, and the bot says it cannot use files.
 */
import assert from 'node:assert/strict';
import { newToken, startChatServer, type ChatServer } from './chat-harness';

interface Stored {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
  attachments?: { contentType: string; name?: string; content?: unknown }[];
}

describe('Direct Line 3.0 endpoint: attachments are answered, never left hanging', () => {
  let srv: ChatServer;
  before(async () => {
    srv = await startChatServer({ redis: true, early: true });
  });
  after(async () => {
    await srv.close();
  });

  const call = (method: string, path: string, token: string, init: { json?: unknown; body?: BodyInit; type?: string } = {}) =>
    fetch(`${srv.base}/v3/directline${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': init.type ?? 'application/json' },
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });

  async function start(): Promise<{ conversationId: string; token: string }> {
    const { token } = await newToken(srv.base);
    const res = await call('POST', '/conversations', token);
    assert.equal(res.status, 201);
    return (await res.json()) as { conversationId: string; token: string };
  }

  /** The conversation's activities once the bot has answered the activity `id` (turns run off the request). */
  async function answered(s: { conversationId: string; token: string }, id: string): Promise<Stored[]> {
    await srv.chat.directLine.drain();
    const res = await call('GET', `/conversations/${s.conversationId}/activities?watermark=0`, s.token);
    const all = ((await res.json()) as { activities: Stored[] }).activities;
    return all.slice(all.findIndex((a) => a.id === id));
  }

  it('when a message with an attachment is posted as JSON, then it is accepted and the bot says it cannot open files', async () => {
    const s = await start();
    const res = await call('POST', `/conversations/${s.conversationId}/activities`, s.token, { json: { type: 'message', attachments: [{ contentType: 'image/png', name: 'bill.png', contentUrl: 'https://example.com/x.png' }], channelData: { clientActivityID: 'file-1' } } });
    assert.equal(res.status, 200);
    const { id } = (await res.json()) as { id: string };
    const after = await answered(s, id);
    assert.deepEqual(after[0]?.attachments, [{ contentType: 'image/png', name: 'bill.png' }], 'only type and name are kept');
    assert.ok(after.some((a) => a.from.role === 'bot' && a.text?.includes("can't open files or pictures")), after.map((a) => a.text).join(' | '));
  });

  it('when Web Chat uploads a file (multipart), then the upload returns an id, the file is not kept and the bot answers', async () => {
    const s = await start();
    const form = new FormData();
    form.append('activity', new Blob([JSON.stringify({ type: 'message', text: '', attachments: [{ contentType: 'application/pdf', name: 'bill.pdf' }], channelData: { clientActivityID: 'up-1' } })], { type: 'application/vnd.microsoft.activity' }));
    form.append('file', new Blob([Buffer.alloc(200_000, 7)], { type: 'application/pdf' }), 'bill.pdf');
    const res = await fetch(`${srv.base}/v3/directline/conversations/${s.conversationId}/upload?userId=dl_x`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: form });
    assert.equal(res.status, 200);
    const { id } = (await res.json()) as { id: string };
    const after = await answered(s, id);
    assert.deepEqual(after[0]?.attachments, [{ contentType: 'application/pdf', name: 'bill.pdf' }]);
    assert.ok(after.some((a) => a.from.role === 'bot' && a.text?.includes("can't open files or pictures")));
  });

  it('when an upload has no activity part, or the token is for another conversation, then it is refused and nothing is stored', async () => {
    const s = await start();
    const other = await start();
    const before = ((await (await call('GET', `/conversations/${s.conversationId}/activities?watermark=0`, s.token)).json()) as { activities: Stored[] }).activities.length;
    const form = new FormData();
    form.append('file', new Blob(['x'], { type: 'text/plain' }), 'x.txt');
    const bad = await fetch(`${srv.base}/v3/directline/conversations/${s.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: form });
    assert.equal(bad.status, 400);
    const foreign = await fetch(`${srv.base}/v3/directline/conversations/${s.conversationId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${other.token}` }, body: form });
    assert.equal(foreign.status, 403);
    await srv.chat.directLine.drain();
    const after = ((await (await call('GET', `/conversations/${s.conversationId}/activities?watermark=0`, s.token)).json()) as { activities: Stored[] }).activities.length;
    assert.equal(after, before);
  });

  it('when the demo page script is served, then Web Chat is told to hide its upload button and to end the chat when the page closes', async () => {
    const script = await (await fetch(`${srv.base}/chat/demo.js`)).text();
    assert.match(script, /hideUploadButton: true/);
    assert.match(script, /endOfConversation/);
  });
});
