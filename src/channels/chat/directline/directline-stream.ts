/**
 * The Direct Line WebSocket stream: GET <streamUrl> upgrades when its single-use ticket is valid
 * for that conversation. It first sends what the client missed after `watermark`, then every new
 * activity as `{ activities, watermark }`. Frames go out in order; a gap (activity appended by
 * another process) is filled from the store.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DIRECTLINE_PATH } from './directline-router';
import type { DirectLineService } from './directline-service';
import type { StoredActivity } from './ports';

const STREAM_PATH = new RegExp(`^${DIRECTLINE_PATH}/conversations/([^/?]+)/stream$`);
const PING_MS = 30_000;

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export class DirectLineStream {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.upgrade(req, socket, head);
  private servers: Server[] = [];

  constructor(private readonly svc: DirectLineService) {}

  attach(server: Server): void {
    server.on('upgrade', this.onUpgrade);
    this.servers.push(server);
  }

  async close(): Promise<void> {
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
    const owner = ticket ? await this.svc.redeemTicket(ticket).catch(() => null) : null;
    if (owner !== conversationId) return reject(socket, 403, 'Forbidden');
    const wmRaw = url.searchParams.get('watermark') ?? '';
    const watermark = /^\d{1,9}$/.test(wmRaw) ? Number(wmRaw) : 0;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, conversationId, watermark));
  }

  private serve(ws: WebSocket, conversationId: string, watermark: number): void {
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
        if (seq === sent + 1) return send([activity], seq);
        return catchUp();
      }),
    );
    enqueue(catchUp);
    const ping = setInterval(() => ws.ping(), PING_MS);
    ws.on('message', () => undefined); // clients send "" as keep-alive
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
    });
    ws.on('error', () => ws.terminate());
  }
}
