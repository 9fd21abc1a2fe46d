/**
 * GET /api/v1/staff/queue/events read by a real HTTP client from a server on port 0: the
 * snapshot, then queue changes from the event port; and across two web processes sharing Redis.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anonymous } from '../../../src/domain/shared/actor';
import { startApi, type Api } from '../api/api-harness';
import { deleteKeys, REDIS_URL, testPrefix } from '../redis/redis-test-keys';
import { BILLING_CSR, queueEscalation, REPAIR_CSR, staffSignIn } from './staff-harness';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Opens the stream and parses events as they come; `next(n)` resolves once n events have arrived. */
function openStream(port: number, authorization: string): Promise<{ status: number; contentType: string; next(n: number): Promise<SseEvent[]>; ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/staff/queue/events', headers: { Authorization: authorization, Accept: 'text/event-stream' } }, (res) => {
      const events: SseEvent[] = [];
      const waiting: { n: number; resolve: (e: SseEvent[]) => void }[] = [];
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
        for (const w of waiting.filter((x) => events.length >= x.n)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve([...events]);
        }
      });
      const ended = new Promise<void>((r) => res.on('end', () => r()));
      resolve({
        ended,
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type']),
        next: (n) => (events.length >= n ? Promise.resolve([...events]) : new Promise((r) => waiting.push({ n, resolve: r }))),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

async function listen(api: Api): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer(api.runtime.app);
  api.runtime.attach(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

describe('staff API: live queue events (SSE)', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('when a CSR listens, then the stream opens with their queue and brings new escalations of their skills, and their taking, but not other queues\'', async () => {
    const api = await startApi();
    cleanups.push(() => api.close());
    const server = await listen(api);
    cleanups.push(() => server.close());
    const waiting = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person', skill: 'billing' });
    const billing = await staffSignIn(api, BILLING_CSR);
    const stream = await openStream(server.port, billing);
    cleanups.push(() => stream.close());
    assert.equal(stream.status, 200);
    assert.equal(stream.contentType, 'text/event-stream; charset=utf-8');
    const [snapshot] = await stream.next(1);
    assert.equal(snapshot?.event, 'queue');
    assert.deepEqual((snapshot?.data.items as { id: string }[]).map((x) => x.id), [waiting.id]);

    await queueEscalation(api, { actor: anonymous('voice'), reason: 'no dial tone', skill: 'repair' });
    const fresh = await queueEscalation(api, { actor: anonymous('chat'), reason: 'a charge', skill: 'billing' });
    const accepted = await api.http.post(`/api/v1/staff/queue/${waiting.id}/accept`).set('Authorization', billing);
    assert.equal(accepted.status, 200);
    const events = await stream.next(3);
    // The repair escalation was published between these two: a billing CSR's stream skipped it.
    assert.deepEqual(events.slice(1).map((e) => [e.event, e.data.escalationId]), [
      ['escalation.queued', fresh.id],
      ['escalation.assigned', waiting.id],
    ]);
    assert.equal(events[2]?.data.staffId, 'stf-alex');
  });

  it('when a customer escalates on one web process, then a CSR streaming from another process sharing Redis hears it and takes it there', async () => {
    const prefix = testPrefix('staff-sse');
    cleanups.push(() => deleteKeys(prefix));
    const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix };
    const customerSide = await startApi({ env });
    cleanups.push(() => customerSide.close());
    const csrSide = await startApi({ env, overrides: { stores: customerSide.runtime.stores, seedDemo: false } });
    cleanups.push(() => csrSide.close());
    const server = await listen(csrSide);
    cleanups.push(() => server.close());

    const repair = await staffSignIn(csrSide, REPAIR_CSR);
    const stream = await openStream(server.port, repair);
    cleanups.push(() => stream.close());
    await stream.next(1);
    const e = await queueEscalation(customerSide, { actor: anonymous('voice'), reason: 'no dial tone', skill: 'repair', channel: 'voice' });
    const [, queued] = await stream.next(2);
    assert.deepEqual([queued?.event, queued?.data.escalationId, queued?.data.channel], ['escalation.queued', e.id, 'voice']);
    const accepted = await csrSide.http.post(`/api/v1/staff/queue/${e.id}/accept`).set('Authorization', repair);
    assert.equal(accepted.status, 200);
    assert.equal((await customerSide.runtime.stores.escalations.get(e.id))?.assignedTo, 'stf-sam');
  });

  it('when the CSR signs out, then their open stream ends at once while another CSR\'s stays open', async () => {
    const api = await startApi();
    cleanups.push(() => api.close());
    const server = await listen(api);
    cleanups.push(() => server.close());
    const billing = await staffSignIn(api, BILLING_CSR);
    const repair = await staffSignIn(api, REPAIR_CSR);
    const mine = await openStream(server.port, billing);
    const theirs = await openStream(server.port, repair);
    cleanups.push(() => mine.close(), () => theirs.close());
    await Promise.all([mine.next(1), theirs.next(1)]);
    assert.equal((await api.http.delete('/api/v1/staff/sessions/current').set('Authorization', billing)).status, 204);
    await mine.ended;
    const e = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person', skill: 'general' });
    const [, queued] = await theirs.next(2);
    assert.equal(queued?.data.escalationId, e.id);
  });

  it('when the stream is asked for without a staff token, then 401 and no stream', async () => {
    const api = await startApi();
    cleanups.push(() => api.close());
    const res = await api.http.get('/api/v1/staff/queue/events');
    assert.equal(res.status, 401);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  });
});
