/** A CSR repairs and changes services for the customer of the escalation they accepted. */
import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Actor } from '../../../src/domain/shared/actor';
import type { Escalation } from '../../../src/domain/escalation/escalation';
import { newKey, startApi, type Api } from '../api/api-harness';
import { queueEscalation, REPAIR_CSR, staffSignIn } from './staff-harness';

describe('staff API: CSR repairs and orders for the customer', () => {
  let api: Api;
  let sam: string;
  beforeEach(async () => {
    api = await startApi();
    sam = await staffSignIn(api, REPAIR_CSR);
  });
  afterEach(() => api.close());

  async function acceptedFor(key: Parameters<typeof demoPerson>[0], reason: string): Promise<{ actor: Actor; escalation: Escalation }> {
    const p = demoPerson(key);
    const actor = await api.runtime.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'voice', source: 'test' });
    const escalation = await queueEscalation(api, { actor, reason, skill: 'repair', channel: 'voice' });
    const res = await api.http.post(`/api/v1/staff/queue/${escalation.id}/accept`).set('Authorization', sam);
    assert.equal(res.status, 200, res.text);
    return { actor, escalation };
  }
  const act = (escalationId: string, action: string, body: object, key = newKey('csr')) =>
    api.http.post(`/api/v1/staff/escalations/${escalationId}/actions/${action}`).set('Authorization', sam).set('Idempotency-Key', key).send(body);

  it('when the CSR troubleshoots Grace\'s dead line, then a ticket opens for her and is linked to the escalated call', async () => {
    const { actor, escalation } = await acceptedFor('technician', 'no dial tone');
    const phone = (await api.runtime.care.customers.services(actor)).find((s) => s.product.family === 'phone');
    assert.ok(phone);
    const res = await act(escalation.id, 'repair', { serviceId: phone.id, symptom: 'no-dial-tone' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.status, 'ticket');
    const ticketId = res.body.result.ticket.id as string;
    const ticket = await api.runtime.stores.tickets.get(ticketId);
    assert.equal(ticket?.customerId, actor.customerId);
    const interaction = await api.runtime.stores.interactions.get(escalation.interactionId);
    assert.ok(interaction?.links.ticketIds.includes(ticketId));
    assert.equal(interaction?.steps.find((s) => s.name === 'csr.procedure')?.detail?.recordId, ticketId);
  });

  it('when the CSR upgrades Tom\'s service twice with the same key, then one order is placed for Tom', async () => {
    const { actor, escalation } = await acceptedFor('reset', 'wants faster internet');
    const service = (await api.runtime.care.customers.services(actor)).find((s) => s.product.family === 'broadband');
    assert.ok(service);
    const allowed = await api.runtime.care.orders.allowedModifications(actor, service.id);
    const upgrade = allowed.find((m) => m.category === 'upgrade');
    assert.ok(upgrade, 'Tom\'s legacy plan upgrades');
    const key = newKey('upgrade');
    const before = await api.runtime.stores.orders.count({ customerId: actor.customerId as string });
    const first = await act(escalation.id, 'modification', { serviceId: service.id, modification: upgrade.modification }, key);
    assert.equal(first.status, 201, first.text);
    const again = await act(escalation.id, 'modification', { serviceId: service.id, modification: upgrade.modification }, key);
    assert.equal(again.body.result.id, first.body.result.id);
    assert.equal(await api.runtime.stores.orders.count({ customerId: actor.customerId as string }), before + 1);
    const order = await api.runtime.stores.orders.get(first.body.result.id as string);
    assert.equal(order?.interactionId, escalation.interactionId);
    assert.ok((await api.runtime.stores.interactions.get(escalation.interactionId))?.links.orderIds.includes(first.body.result.id as string));
  });
});
