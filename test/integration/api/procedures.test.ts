import assert from 'node:assert/strict';
import { demoPerson, type DemoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, signIn, startApi, type Api } from './api-harness';

interface Item {
  id: string;
  type: string;
  description: string;
  reasons: { id: string }[];
  maxAdjustable: { amountMinor: number };
}
interface Service {
  id: string;
  productId: string;
  product: { family: string };
}

describe('api: every self-service procedure for the demo customers', () => {
  let api: Api;
  before(async () => {
    api = await startApi();
  });
  after(async () => {
    await api.close();
  });

  const as = async (person: DemoPerson) => {
    const auth = await signIn(api, person);
    return {
      get: (path: string) => api.http.get(`/api/v1${path}`).set('Authorization', auth),
      post: (path: string, body?: object, key: string | null = newKey()) => {
        const req = api.http.post(`/api/v1${path}`).set('Authorization', auth);
        if (key) req.set('Idempotency-Key', key);
        return body === undefined ? req : req.send(body);
      },
    };
  };

  it('when Dana orders a mobile plan after a quote, then the order is placed and listed', async () => {
    const dana = await as(demoPerson('bundle'));
    const quote = await dana.post('/orders/new/quote', { productId: 'mobile-5gb' }, null);
    assert.equal(quote.status, 200, JSON.stringify(quote.body));
    assert.ok(quote.body.monthlyTotal.amountMinor > 0);
    const order = await dana.post('/orders/new', { productId: 'mobile-5gb' });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.body.type, 'new');
    assert.ok(['acknowledged', 'inProgress', 'completed'].includes(order.body.status));
    const listed = await dana.get(`/orders/${order.body.id}`);
    assert.equal(listed.status, 200);
    assert.equal(listed.body.id, order.body.id);
  });

  it('when Dana upgrades Fiber 500 to Fiber 1000, then the change is quoted and ordered', async () => {
    const dana = await as(demoPerson('bundle'));
    const services = (await dana.get('/me/services')).body as Service[];
    const fiber = services.find((s) => s.productId === 'fiber-500');
    assert.ok(fiber);
    const allowed = await dana.get(`/services/${fiber.id}/modifications`);
    const upgrade = (allowed.body as { modification: { kind: string; toProductId?: string } }[]).find((m) => m.modification.toProductId === 'fiber-1000');
    assert.ok(upgrade, 'the upgrade is offered');
    const quote = await dana.post(`/services/${fiber.id}/modifications/quote`, { modification: upgrade.modification }, null);
    assert.equal(quote.status, 200);
    assert.ok(quote.body.monthlyDelta.amountMinor > 0);
    const order = await dana.post(`/services/${fiber.id}/modifications`, { modification: upgrade.modification });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.body.type, 'modify');
  });

  it('when a change is not among the allowed ones, then it is refused with a 422 problem and no order', async () => {
    const dana = await as(demoPerson('bundle'));
    const services = (await dana.get('/me/services')).body as Service[];
    const fiber = services.find((s) => s.product.family === 'broadband');
    assert.ok(fiber);
    const before = await api.runtime.stores.orders.count({});
    const res = await dana.post(`/services/${fiber.id}/modifications`, { modification: { kind: 'change-product', toProductId: 'tv-premium' } });
    assert.ok(res.status === 422 || res.status === 404, String(res.status));
    assert.ok(problemOf(res).code.length > 0);
    assert.equal(await api.runtime.stores.orders.count({}), before);
  });

  it('when Priya discontinues her TV, then reasons, questions and the quote are offered and the disconnect is ordered', async () => {
    const priya = await as(demoPerson('outage'));
    const services = (await priya.get('/me/services')).body as Service[];
    const tv = services.find((s) => s.product.family === 'tv');
    assert.ok(tv);
    const reasons = await priya.get(`/services/${tv.id}/discontinuation/reasons`);
    assert.ok((reasons.body as unknown[]).length > 0);
    assert.equal((await priya.get(`/services/${tv.id}/discontinuation/questions`)).status, 200);
    const offer = await priya.get(`/services/${tv.id}/discontinuation/retention-offer?reasonCode=moving`);
    assert.equal(offer.status, 200);
    assert.ok('offer' in offer.body);
    const quote = await priya.post(`/services/${tv.id}/discontinuation/quote`, undefined, null);
    assert.equal(quote.status, 200, JSON.stringify(quote.body));
    const order = await priya.post(`/services/${tv.id}/discontinuation`, { reasonCode: 'moving' });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    assert.equal(order.body.type, 'disconnect');
  });

  it('when Dana disputes a small usage charge, then the credit is approved at once; above the limit it waits for a person', async () => {
    const dana = await as(demoPerson('bundle'));
    const summary = await dana.get('/bills/summary');
    const items = (await dana.get(`/bills/${summary.body.latestBillId}/adjustable-items`)).body as Item[];
    const usage = items.find((i) => i.type === 'usage' && i.reasons.some((r) => r.id === 'usage-dispute'));
    assert.ok(usage, 'the international-calls usage is adjustable');
    const small = await dana.post('/adjustments', { billId: summary.body.latestBillId, itemId: usage.id, reasonCode: 'usage-dispute', amountMinor: Math.min(usage.maxAdjustable.amountMinor, 2000) });
    assert.equal(small.status, 201, JSON.stringify(small.body));
    assert.notEqual(small.body.status, 'pending-approval');

    const big = items.find((i) => i.maxAdjustable.amountMinor > 2500 && i.reasons.some((r) => r.id === 'billing-error'));
    assert.ok(big);
    const large = await dana.post('/adjustments', { billId: summary.body.latestBillId, itemId: big.id, reasonCode: 'billing-error', amountMinor: big.maxAdjustable.amountMinor });
    assert.equal(large.status, 201, JSON.stringify(large.body));
    assert.equal(large.body.status, 'pending-approval');
    assert.equal(large.body.approval, 'pending-approval');
  });

  it('when Dana asks for more time to pay, then the offered dates are listed and one is granted', async () => {
    const dana = await as(demoPerson('bundle'));
    const options = await dana.get('/extensions');
    assert.equal(options.body.eligible, true);
    const extension = await dana.post('/extensions', { billId: options.body.billId, toDate: options.body.dates[0] });
    assert.equal(extension.status, 201, JSON.stringify(extension.body));
    assert.equal(extension.body.toDate, options.body.dates[0]);
  });

  it('when Marcus (more than 30 days past due) asks for more time, then none is offered', async () => {
    const marcus = await as(demoPerson('suspended'));
    const options = await marcus.get('/extensions');
    assert.equal(options.status, 200);
    assert.equal(options.body.eligible, false);
  });

  it('when Tom reports no internet, then the remote reset fixes it without a ticket', async () => {
    const tom = await as(demoPerson('reset'));
    const services = (await tom.get('/me/services')).body as Service[];
    const dsl = services.find((s) => s.product.family === 'broadband');
    assert.ok(dsl);
    const symptoms = (await tom.get(`/services/${dsl.id}/symptoms`)).body as { id: string }[];
    assert.ok(symptoms.some((s) => s.id === 'no-internet'));
    const res = await tom.post('/repairs', { serviceId: dsl.id, symptom: 'no-internet' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.resolution, 'resolved');
  });

  it('when Grace reports no dial tone, then a ticket opens with slots and one can be booked', async () => {
    const grace = await as(demoPerson('technician'));
    const services = (await grace.get('/me/services')).body as Service[];
    const phone = services.find((s) => s.product.family === 'phone');
    assert.ok(phone);
    const symptom = ((await grace.get(`/services/${phone.id}/symptoms`)).body as { id: string }[])[0].id;
    const res = await grace.post('/repairs', { serviceId: phone.id, symptom: symptom === 'no-dial-tone' ? symptom : 'no-dial-tone' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.resolution, 'ticket');
    assert.ok(res.body.slots.length > 0);
    const booked = await grace.post(`/tickets/${res.body.ticket.id}/appointment`, { slotId: res.body.slots[0].slotId }, null);
    assert.equal(booked.status, 200, JSON.stringify(booked.body));
    assert.equal(booked.body.appointment.slotId, res.body.slots[0].slotId);
    assert.equal((await grace.get(`/tickets/${res.body.ticket.id}`)).body.status, 'scheduled');
  });

  it('when the customer asks for a person, then the interaction is escalated with a queue position', async () => {
    const dana = await as(demoPerson('bundle'));
    const interaction = await dana.post('/interactions', {}, null);
    const res = await dana.post(`/interactions/${interaction.body.id}/escalation`, { reason: 'wants to talk to someone', skill: 'billing' }, null);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.skill, 'billing');
    assert.ok(res.body.position >= 1);
  });
});
