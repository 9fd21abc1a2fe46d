/**
 * The Direct Line WebSocket stream: GET <streamUrl> upgrades when its single-use ticket is valid
 * for that conversation. It first sends what the client missed after `watermark`, then every new
 * activity as `{ activities, watermark }`. Frames go out in order; an activity appended by another
 * process (announced on the event port) or any other gap is read from the store. A stream closes when the token it was opened with
 * expires (a timer) or its portal session is signed out or revoked (a periodic sweep); the client
 * then reconnects with a refreshed token, or cannot.
 *
 * Presence: a conversation's customer is marked seen in the store (shared by every process) when
 * their stream opens and closes, and at each heartbeat() while it stays open, so a queued chat
 * whose customer closed the page is told apart from one whose socket is open on another process.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DIRECTLINE_PATH } from './directline-router';
import type { DirectLineService, StreamGrant } from './directline-service';
import type { StoredActivity } from './ports';

const STREAM_PATH = new RegExp(`^${DIRECTLINE_PATH}/conversations/([^/?]+)/stream$`);
const PING_MS = 30_000;
const SWEEP_MS = 15_000;
/** Policy violation: the token behind the stream is no longer good. */
const CLOSE_POLICY = 1008;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DirectLineStreamOptions {
  /** Whether the grant's token is still good (expiry, and its portal session when bound). Default: not expired. */
  live?: (grant: StreamGrant) => Promise<boolean>;
  /** Milliseconds since the epoch (the tokens' clock). */
  now?: () => number;
  /** How often open streams are checked against their portal session. */
  sweepMs?: number;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class DirectLineStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head);
  private servers: Server[] = [];
  private readonly grants = new Map<WebSocket, StreamGrant>();
  /** Open streams per conversation, on this process. */
  private readonly open = new Map<string, number>();
  private readonly now: () => number;
  private readonly live: (grant: StreamGrant) => Promise<boolean>;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly svc: DirectLineService,
    opts: DirectLineStreamOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.live = opts.live ?? (async (grant) => grant.exp * 1000 > this.now());
    this.sweeper = setInterval(() => void this.sweep(), opts.sweepMs ?? SWEEP_MS);
    this.sweeper.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', this.onUpgrade);
    this.servers.push(server);
  }

  /** Closes every stream whose token has expired or whose portal session is no longer live; resolves with how many. */
  async sweep(): Promise<number> {
    let closed = 0;
    await Promise.all(
      [...this.grants].map(async ([ws, grant]) => {
        const expired = grant.exp * 1000 <= this.now();
        if (!expired && (await this.live(grant).catch(() => false))) return;
        if (this.end(ws, expired ? 'token expired' : 'session ended')) closed += 1;
      }),
    );
    return closed;
  }

  /** Marks every conversation with a stream open on this process as seen now; resolves with how many. */
  async heartbeat(): Promise<number> {
    const ids = [...this.open.keys()];
    if (ids.length > 0) await this.svc.seen(ids);
    return ids.length;
  }

  /** How many streams of the conversation are open on this process. */
  openFor(conversationId: string): number {
    return this.open.get(conversationId) ?? 0;
  }

  private seen(conversationId: string): void {
    this.svc.seen([conversationId]).catch(() => undefined); // the next heartbeat tries again
  }

  private end(ws: WebSocket, reason: string): boolean {
    if (!this.grants.delete(ws)) return false;
    ws.close(CLOSE_POLICY, reason);
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    for (const s of this.servers) s.off('upgrade', this.onUpgrade);
    for (const c of this.wss.clients) c.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const m = STREAM_PATH.exec(url.pathname);
    if (!m) return; // not ours: another upgrade listener may take it
    socket.on('error', () => undefined);
    const conversationId = decodeURIComponent(m[1]);
    const ticket = url.searchParams.get('t');
    const redeemed = ticket ? await this.svc.redeemTicket(ticket).catch(() => null) : null;
    if (redeemed?.conversationId !== conversationId) return reject(socket, 403, 'Forbidden');
    const grant = redeemed.grant;
    if (grant && !(await this.live(grant).catch(() => false))) return reject(socket, 403, 'Forbidden');
    const wmRaw = url.searchParams.get('watermark') ?? '';
    const watermark = /^\d{1,9}$/.test(wmRaw) ? Number(wmRaw) : 0;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, conversationId, watermark, grant));
  }

  private serve(ws: WebSocket, conversationId: string, watermark: number, grant?: StreamGrant): void {
    let expiry: NodeJS.Timeout | undefined;
    if (grant) {
      this.grants.set(ws, grant);
      expiry = setTimeout(() => this.end(ws, 'token expired'), Math.min(MAX_TIMER_MS, Math.max(0, grant.exp * 1000 - this.now())));
      expiry.unref();
    }
    this.open.set(conversationId, (this.open.get(conversationId) ?? 0) + 1);
    this.seen(conversationId);
    let sent = watermark;
    let chain: Promise<void> = Promise.resolve();
    /** Sends activities given as JSON strings: the frame is put together without re-serialising them. */
    const send = (activitiesJson: string[], wm: number) => {
      if (activitiesJson.length === 0 || ws.readyState !== ws.OPEN) return;
      ws.send(`{"activities":[${activitiesJson.join(',')}],"watermark":"${wm}"}`);
      sent = wm;
    };
    const catchUp = async () => {
      const page = await this.svc.activitiesAfter(conversationId, sent);
      send(page.activities.map((a: StoredActivity) => JSON.stringify(a)), page.watermark);
    };
    const enqueue = (step: () => Promise<void> | void) => {
      chain = chain.then(step).catch(() => ws.terminate());
    };
    const unsubscribe = this.svc.subscribe(conversationId, (activity, seq) =>
      enqueue(() => {
        if (seq <= sent) return;
        if (activity !== null && seq === sent + 1) return send([activity], seq);
        return catchUp();
      }),
    );
    enqueue(catchUp);
    const ping = setInterval(() => ws.ping(), PING_MS);
    ws.on('message', () => undefined); // clients send "" as keep-alive
    ws.on('close', () => {
      clearInterval(ping);
      clearTimeout(expiry);
      this.grants.delete(ws);
      unsubscribe();
      const left = (this.open.get(conversationId) ?? 1) - 1;
      if (left > 0) this.open.set(conversationId, left);
      else this.open.delete(conversationId);
      // Seen until now: the grace for a reconnect counts from the close.
      this.seen(conversationId);
    });
    ws.on('error', () => ws.terminate());
  }
}
