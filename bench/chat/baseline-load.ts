/**
 * The Bot Framework samples' way, as the baseline: POST each activity to /api/messages
 * (CloudAdapter, anonymous as with the Emulator) with a serviceUrl pointing at a local sink;
 * the bot's reply is an HTTP POST from the connector client to that sink. A turn is "POST
 * /api/messages -> the reply reaches the sink".
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { postJson } from './directline-load';

export class ReplySink {
  private server!: http.Server;
  url = '';
  private readonly waiting = new Map<string, () => void>();
  private readonly early = new Set<string>();

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        // POST /v3/conversations/{conversationId}/activities/{replyToId}
        const replyTo = decodeURIComponent(req.url?.split('/activities/')[1] ?? '');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: randomUUID() }));
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { type?: string };
        if (body.type !== 'message' || !replyTo) return;
        const w = this.waiting.get(replyTo);
        if (w) {
          this.waiting.delete(replyTo);
          w();
        } else this.early.add(replyTo);
      });
    });
    this.server.keepAliveTimeout = 65_000;
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  reply(id: string): Promise<void> {
    if (this.early.delete(id)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('reply timeout'));
      }, 10_000);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

export class BaselineConversation {
  private readonly conversationId = `bench-${randomUUID()}`;
  private n = 0;

  constructor(
    private readonly base: string,
    private readonly sink: ReplySink,
  ) {}

  private activity(text: string, type = 'message') {
    return {
      type,
      id: `${this.conversationId}-${++this.n}`,
      channelId: 'emulator',
      serviceUrl: this.sink.url,
      from: { id: `user-${this.conversationId}`, role: 'user' },
      recipient: { id: 'bot', role: 'bot' },
      conversation: { id: this.conversationId },
      text,
      timestamp: new Date().toISOString(),
      locale: 'en-US',
    };
  }

  async open(): Promise<void> {
    const a = this.activity('hi');
    const done = this.sink.reply(a.id);
    const res = await postJson(`${this.base}/api/messages`, a);
    if (res.status >= 300) throw new Error(`api/messages ${res.status}`);
    await done;
  }

  async turn(text: string): Promise<number> {
    const t0 = performance.now();
    const a = this.activity(text);
    const done = this.sink.reply(a.id);
    const res = await postJson(`${this.base}/api/messages`, a);
    if (res.status >= 300) throw new Error(`api/messages ${res.status}`);
    await done;
    return performance.now() - t0;
  }
}
