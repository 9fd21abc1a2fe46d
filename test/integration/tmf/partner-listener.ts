/**
 * A partner's listener, faked at its HTTP boundary: a small server on port 0 that records every
 * event POSTed to it, answers with the status the test sets, and lets tests wait for an event.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: Record<string, unknown>;
}

export interface PartnerListenerServer {
  url: string;
  received: Received[];
  /** The status the next deliveries get (default 201). */
  answer(status: number): void;
  /** Resolves with the first received event (already or later) the predicate accepts. */
  next(accept: (r: Received) => boolean, timeoutMs?: number): Promise<Received>;
  close(): Promise<void>;
}

export async function startPartnerListener(): Promise<PartnerListenerServer> {
  const received: Received[] = [];
  const waiters: { accept: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  let status = 201;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (status >= 200 && status < 300) {
        const r: Received = { path: req.url ?? '', headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown> };
        received.push(r);
        for (const w of waiters.splice(0)) {
          if (w.accept(r)) w.resolve(r);
          else waiters.push(w);
        }
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/listener`,
    received,
    answer: (s) => {
      status = s;
    },
    next(accept, timeoutMs = 5000) {
      const found = received.find(accept);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no such event arrived')), timeoutMs);
        waiters.push({ accept, resolve: (r) => { clearTimeout(timer); resolve(r); } });
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
