/**
 * A stand-in partner back-end, faked at its HTTP boundary: a small server on port 0 with an
 * OAuth token endpoint, a TMF622 productOrder API and a TMF621 troubleTicket API (each with
 * /hub), checking what we send against the published schemas. Tests drive it: take it down,
 * move its orders and tickets on (telling the registered listeners, or not).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { specs } from './tmf-harness';

export const STAND_IN_CLIENT = { id: 'telecare-at-partner', secret: 'stand-in-secret-0123456789' };
const TOKEN = 'stand-in-access-token';
const PO = '/tmf-api/productOrderingManagement/v5';
const TT = '/tmf-api/troubleTicket/v5';

export interface StandInPartner {
  url: string;
  orders: Map<string, { body: Record<string, unknown>; state: string; key: string }>;
  tickets: Map<string, { body: Record<string, unknown>; status: string; key: string }>;
  hubs: { api: 'order' | 'ticket'; callback: string; query?: string }[];
  /** Requests that reached the server (while up or down). */
  hits(): number;
  /** Problems found in what we sent (schema errors, missing keys). */
  problems: string[];
  down(isDown: boolean): void;
  /** Moves the order on; tells the registered listeners unless `silent`; resolves with their answers. */
  advanceOrder(id: string, state: string, opts?: { silent?: boolean; key?: string }): Promise<number[]>;
  resolveTicket(id: string): Promise<number[]>;
  close(): Promise<void>;
}

export async function startStandInPartner(): Promise<StandInPartner> {
  const orders = new Map<string, { body: Record<string, unknown>; state: string; key: string }>();
  const tickets = new Map<string, { body: Record<string, unknown>; status: string; key: string }>();
  const hubs: StandInPartner['hubs'] = [];
  const problems: string[] = [];
  let hits = 0;
  let isDown = false;
  let seq = 0;

  const json = (res: http.ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? undefined : JSON.stringify(body));
  };
  const orderView = (id: string) => ({ '@type': 'ProductOrder', id, href: `${PO}/productOrder/${id}`, state: orders.get(id)!.state });
  const ticketView = (id: string) => ({ '@type': 'TroubleTicket', id, href: `${TT}/troubleTicket/${id}`, status: tickets.get(id)!.status, description: 'repair', severity: 'major', ticketType: 'repair' });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits += 1;
      if (isDown) return json(res, 503, { '@type': 'Error', code: '503', reason: 'down for maintenance', status: '503' });
      const text = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '').split('?')[0]!;
      if (req.method === 'POST' && path === '/oauth/token') {
        const form = new URLSearchParams(text);
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== STAND_IN_CLIENT.id || form.get('client_secret') !== STAND_IN_CLIENT.secret) return json(res, 401, { error: 'invalid_client' });
        return json(res, 200, { access_token: TOKEN, token_type: 'Bearer', expires_in: 3600 });
      }
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { '@type': 'Error', code: '401', reason: 'unauthenticated', status: '401' });
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const key = String(req.headers['idempotency-key'] ?? '');
      if (req.method === 'POST' && (path === `${PO}/hub` || path === `${TT}/hub`)) {
        hubs.push({ api: path.startsWith(PO) ? 'order' : 'ticket', callback: String(body.callback), ...(body.query ? { query: String(body.query) } : {}) });
        return json(res, 201, { '@type': 'Hub', id: `hub-${hubs.length}`, callback: body.callback });
      }
      if (req.method === 'POST' && path === `${PO}/productOrder`) {
        const errors = specs.validate('TMF622', 'ProductOrder_FVO', body);
        if (errors.length) problems.push(`productOrder: ${JSON.stringify(errors)}`);
        if (!key) problems.push('productOrder without Idempotency-Key');
        const existing = [...orders.entries()].find(([, o]) => o.key === key);
        if (existing) return json(res, 201, orderView(existing[0]));
        const id = `PO-${(seq += 1)}`;
        orders.set(id, { body, state: 'acknowledged', key });
        return json(res, 201, orderView(id));
      }
      const order = /^\/tmf-api\/productOrderingManagement\/v5\/productOrder\/([^/]+)$/.exec(path);
      if (req.method === 'GET' && order && orders.has(order[1]!)) return json(res, 200, orderView(order[1]!));
      if (req.method === 'POST' && path === `${TT}/troubleTicket`) {
        const errors = specs.validate('TMF621', 'TroubleTicket_FVO', body);
        if (errors.length) problems.push(`troubleTicket: ${JSON.stringify(errors)}`);
        const existing = [...tickets.entries()].find(([, t]) => t.key === key);
        if (existing) return json(res, 201, ticketView(existing[0]));
        const id = `TT-${(seq += 1)}`;
        tickets.set(id, { body, status: 'acknowledged', key });
        return json(res, 201, ticketView(id));
      }
      json(res, 404, { '@type': 'Error', code: '404', reason: 'not found', status: '404' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const tell = async (api: 'order' | 'ticket', eventType: string, payload: Record<string, unknown>, key?: string): Promise<number[]> => {
    const answers: number[] = [];
    for (const hub of hubs.filter((h) => h.api === api && (!h.query || h.query.includes(eventType)))) {
      const target = key === undefined ? hub.callback : hub.callback.replace(/key=[^&]*/, `key=${key}`);
      const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ '@type': eventType, id: `evt-${(seq += 1)}`, eventTime: new Date().toISOString(), event: payload }) });
      answers.push(res.status);
    }
    return answers;
  };

  return {
    url,
    orders,
    tickets,
    hubs,
    problems,
    hits: () => hits,
    down: (d) => {
      isDown = d;
    },
    async advanceOrder(id, state, opts = {}) {
      orders.get(id)!.state = state;
      if (opts.silent) return [];
      return tell('order', 'ProductOrderStateChangeEvent', { productOrder: orderView(id) }, opts.key);
    },
    async resolveTicket(id) {
      tickets.get(id)!.status = 'resolved';
      return tell('ticket', 'TroubleTicketResolvedEvent', { troubleTicket: { ...ticketView(id), statusChangeReason: 'drop wire replaced' } });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
