/**
 * Direct Line conversations as Web Chat drives them: a token from /chat/token, POST
 * /conversations, the WebSocket stream; a turn is "POST an activity -> the bot's reply (replyToId
 * = the posted id) arrives on the stream".
 */
import http from 'node:http';
import { WebSocket } from 'ws';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

export class DlConversation {
  private ws!: WebSocket;
  private token = '';
  private conversationId = '';
  private readonly waiting = new Map<string, () => void>();
  private readonly early = new Set<string>();

  constructor(private readonly base: string) {}

  async open(): Promise<void> {
    const t = (await postJson(`${this.base}/chat/token`, {})).json as { token: string };
    const c = (await postJson(`${this.base}/v3/directline/conversations`, {}, { authorization: `Bearer ${t.token}` })).json as { token: string; conversationId: string; streamUrl: string };
    this.token = c.token;
    this.conversationId = c.conversationId;
    this.ws = new WebSocket(c.streamUrl);
    let greeted: () => void = () => undefined;
    const greeting = new Promise<void>((r) => (greeted = r));
    this.ws.on('message', (raw) => {
      const { activities } = JSON.parse(String(raw)) as { activities: { from: { role?: string }; replyToId?: string; type: string }[] };
      for (const a of activities) {
        if (a.from.role !== 'bot' || a.type !== 'message') continue;
        if (!a.replyToId) {
          greeted();
          continue;
        }
        const w = this.waiting.get(a.replyToId);
        if (w) {
          this.waiting.delete(a.replyToId);
          w();
        } else this.early.add(a.replyToId);
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    await greeting;
  }

  /** One turn; resolves with its latency in ms. */
  async turn(text: string): Promise<number> {
    const t0 = performance.now();
    const res = await postJson(`${this.base}/v3/directline/conversations/${this.conversationId}/activities`, { type: 'message', text, from: { id: 'x' } }, { authorization: `Bearer ${this.token}` });
    if (res.status !== 200) throw new Error(`post ${res.status}`);
    const id = (res.json as { id: string }).id;
    if (this.early.delete(id)) return performance.now() - t0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error('reply timeout'));
      }, 10_000);
      this.waiting.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return performance.now() - t0;
  }

  close(): void {
    this.ws.close();
  }
}
