/**
 * The two sides of a staffed chat over real HTTP: a customer on a Direct Line WebSocket (Web
 * Chat's transport) and a CSR on the staff API's chat events (SSE). Every wait has a timeout and
 * resolves on the awaited message, never after a sleep.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import type { Api } from '../api/api-harness';

export interface Listening {
  port: number;
  base: string;
  close(): Promise<void>;
}

export async function listen(api: Api): Promise<Listening> {
  const server = http.createServer(api.runtime.app);
  api.runtime.attach(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** Resolves when `ready()` returns something, re-checked on each `poke()`; rejects after `ms`. */
class Waiters {
  private readonly waiting = new Set<() => void>();
  poke(): void {
    for (const w of [...this.waiting]) w();
  }
  until<T>(ready: () => T | undefined, what: string, ms = 5000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = ready();
        if (v === undefined) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      this.waiting.add(check);
      check();
    });
  }
}

export interface ChatActivity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  channelData?: { csr?: { csrId: string; name: string } };
}

export interface Customer {
  conversationId: string;
  activities: ChatActivity[];
  say(text: string): Promise<void>;
  leave(): Promise<void>;
  /** The first activity from the bot after index `from` whose text matches. */
  botSays(pattern: RegExp, from?: number): Promise<ChatActivity>;
  close(): void;
}

/** Takes a chat token from the demo page endpoint, starts the conversation and opens its WebSocket. */
export async function customerOn(side: Listening): Promise<Customer> {
  const t = await fetch(`${side.base}/chat/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(t.status, 200);
  const { token } = (await t.json()) as { token: string };
  const started = await fetch(`${side.base}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  assert.equal(started.status, 201);
  const s = (await started.json()) as { conversationId: string; token: string; streamUrl: string };
  const ws = new WebSocket(s.streamUrl);
  const activities: ChatActivity[] = [];
  const waiters = new Waiters();
  ws.on('message', (raw: Buffer) => {
    const frame = raw.toString();
    if (!frame) return;
    activities.push(...(JSON.parse(frame) as { activities: ChatActivity[] }).activities);
    waiters.poke();
  });
  await once(ws, 'open');
  const post = async (activity: object) => {
    const res = await fetch(`${side.base}/v3/directline/conversations/${s.conversationId}/activities`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${s.token}` }, body: JSON.stringify({ ...activity, from: { id: 'me' } }) });
    assert.equal(res.status, 200, await res.text());
  };
  return {
    conversationId: s.conversationId,
    activities,
    say: (text) => post({ type: 'message', text }),
    leave: () => post({ type: 'endOfConversation' }),
    botSays: (pattern, from = 0) => waiters.until(() => activities.slice(from).find((a) => a.from.role === 'bot' && a.type === 'message' && pattern.test(a.text ?? '')), `the bot to say ${pattern}`),
    close: () => ws.close(),
  };
}

export interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

export interface CsrStream {
  status: number;
  events: SseEvent[];
  /** The first event after index `from` with that name (and matching data). */
  next(event: string, match?: (data: Record<string, unknown>) => boolean, from?: number): Promise<SseEvent>;
  ended: Promise<void>;
  close(): void;
}

export function csrChatStream(side: Listening, authorization: string, escalationId: string): Promise<CsrStream> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: side.port, path: `/api/v1/staff/escalations/${escalationId}/chat/events`, headers: { Authorization: authorization, Accept: 'text/event-stream' } }, (res) => {
      const events: SseEvent[] = [];
      const waiters = new Waiters();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (name && data) events.push({ event: name, data: JSON.parse(data) as Record<string, unknown> });
        }
        waiters.poke();
      });
      resolve({
        status: res.statusCode ?? 0,
        events,
        ended: new Promise<void>((r) => res.on('end', () => r())),
        next: (event, match = () => true, from = 0) => waiters.until(() => events.slice(from).find((e) => e.event === event && match(e.data)), `the CSR's stream to get ${event}`),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}
