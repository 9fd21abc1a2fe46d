/**
 * The whole app on port 0: a chat customer on a Direct Line WebSocket asks for a person and then
 * closes the page without a word. Once no stream of theirs has been open for
 * CHAT_LEFT_GRACE_SECONDS, the left-chats sweep takes the escalation out of GET
 * /api/v1/staff/queue and the live queues hear escalation.abandoned; a customer whose chat a CSR
 * took stays with that CSR. The sweep is driven directly on the app's settable clock.
 */
import assert from 'node:assert/strict';
import { startApi, type Api } from '../api/api-harness';
import type { CareEvent } from '../../../src/domain/events/care-events';
import { BILLING_CSR, staffSignIn } from './staff-harness';
import { customerOn, listen, type Customer, type Listening } from './chat-sides';

async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('staff queue: a chat customer who closed the page leaves the queue after the grace', () => {
  let api: Api;
  let side: Listening;
  const customers: Customer[] = [];
  afterEach(async () => {
    for (const c of customers.splice(0)) c.close();
    await side?.close();
    await api?.close();
  });

  const queuedChat = async (): Promise<{ customer: Customer; escalationId: string }> => {
    const customer = await customerOn(side);
    customers.push(customer);
    await customer.say('agent');
    await customer.botSays(/in line/);
    const e = await api.runtime.stores.escalations.findOne({ channelRef: customer.conversationId });
    assert.ok(e && e.status === 'queued');
    return { customer, escalationId: e.id };
  };
  const queueIds = async (authorization: string): Promise<string[]> => {
    const res = await api.http.get('/api/v1/staff/queue').set('Authorization', authorization);
    assert.equal(res.status, 200);
    return (res.body.items as { id: string }[]).map((x) => x.id);
  };
  const closePage = async (c: Customer) => {
    c.close();
    await until(() => api.runtime.chat.stream.openFor(c.conversationId) === 0, 'the server to see the stream closed');
  };

  it('when the customer\'s stream closes and nobody reconnects, then after CHAT_LEFT_GRACE_SECONDS the item is gone from GET /queue and the live queue hears it; a chat a CSR took stays assigned', async () => {
    api = await startApi({ env: { CHAT_LEFT_GRACE_SECONDS: '45' } });
    side = await listen(api);
    const csr = await staffSignIn(api, BILLING_CSR);
    const left = await queuedChat();
    const taken = await queuedChat();
    assert.ok((await queueIds(csr)).includes(left.escalationId), 'the CSR sees it waiting');
    assert.equal((await api.http.post(`/api/v1/staff/queue/${taken.escalationId}/accept`).set('Authorization', csr)).status, 200);

    const heard: CareEvent[] = [];
    const unsubscribe = api.runtime.events.subscribe((e) => void heard.push(e));
    try {
      await closePage(left.customer);
      await closePage(taken.customer);
      api.clock.advance(44_000);
      assert.deepEqual(await api.runtime.chat.sweepLeftChats(), []);
      assert.ok((await queueIds(csr)).includes(left.escalationId), 'within the grace the customer may still reconnect');

      api.clock.advance(1000);
      assert.deepEqual(await api.runtime.chat.sweepLeftChats(), [left.escalationId]);
      assert.equal((await queueIds(csr)).includes(left.escalationId), false);
      await until(() => heard.some((e) => e.type === 'escalation.abandoned' && e.escalationId === left.escalationId), 'escalation.abandoned on the event port');
      assert.equal((await api.runtime.stores.escalations.get(taken.escalationId))?.status, 'assigned');
      assert.equal(heard.some((e) => e.type === 'escalation.abandoned' && e.escalationId === taken.escalationId), false);
    } finally {
      unsubscribe();
    }
  });
});
