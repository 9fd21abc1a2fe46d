import assert from 'node:assert/strict';
import type { Actor } from '../../../../src/domain/shared/actor';
import type { Order } from '../../../../src/domain/orders/order';
import { isDomainError, type ErrorCode } from '../../../../src/domain/shared/errors';
import type { DemoPerson } from '../../../../src/demo/demo-people';
import { demoNetworkAt } from '../../../../src/demo/demo-network';
import { failingFirst } from '../../../../src/adapters/backends';
import { FIXTURE_NOW, makeCare, type CareFixture } from '../../../support/care-fixture';
import { demoIds, type DemoIds } from '../../../support/demo-ids';

const refusedWith = (code: ErrorCode) => (e: unknown) => isDomainError(e) && e.code === code;

describe('repair', () => {
  let f: CareFixture;
  let ids: DemoIds;
  /** Identified from the caller's number: enough for repair. */
  const caller = async (key: DemoPerson['key']): Promise<Actor> => {
    const p = f.people.find((x) => x.key === key) as DemoPerson;
    const found = await f.care.verification.identifyByPhone(p.phone, { channel: 'voice' });
    assert.ok(found, `demo person ${key} is identified by phone`);
    return found.actor;
  };
  const troubleshoot = (actor: Actor, serviceId: string, symptom: string, key = 'k1') =>
    f.care.repair.troubleshoot(actor, { serviceId, symptom }, { idempotencyKey: key });

  beforeEach(async () => {
    f = await makeCare({ network: demoNetworkAt(new Date(FIXTURE_NOW)) });
    ids = await demoIds(f.stores);
  });
  afterEach(async () => f.close());

  it('when the symptoms of a service are asked, then only those of its family are offered', async () => {
    const grace = await caller('technician');
    const symptoms = await f.care.repair.symptoms(grace, ids.serviceId('31000105', 1));
    assert.deepEqual(symptoms.map((s) => s.id), ['no-dial-tone', 'noisy-line', 'intermittent', 'cannot-call']);
  });

  it('when the service is in a known outage area, then the outage and its ETA are told, a day is credited and no ticket is opened', async () => {
    const priya = await caller('outage');
    const outcome = await troubleshoot(priya, ids.serviceId('31000103', 1), 'no-internet');
    assert.equal(outcome.resolution, 'outage');
    assert.equal(outcome.diagnosis.cause, 'area-outage');
    assert.equal(outcome.diagnostics.outage?.id, 'OUT-RIVERTON-WEST');
    assert.ok(outcome.diagnostics.outage?.eta);
    assert.deepEqual(outcome.outageCredit, { amountMinor: 334, currency: 'USD' }, 'fiber 1000 with its 10.00 option: 100.00 a month, one day rounded up');
    assert.equal(outcome.ticket, undefined);
    assert.equal(await f.stores.tickets.count({}), 0);
  });

  it('when the service is suspended for non-payment, then the customer is told so instead of a fault', async () => {
    const marcus = await caller('suspended');
    const outcome = await troubleshoot(marcus, ids.serviceId('31000102', 1), 'no-internet');
    assert.equal(outcome.resolution, 'suspended');
    assert.equal(outcome.diagnostics.suspendedReason, 'non-payment');
    assert.ok(outcome.diagnostics.overdueBalanceMinor > 0);
    assert.equal(await f.stores.tickets.count({}), 0);
  });

  it('when the modem lost sync, then a remote reset fixes it and the re-test passes', async () => {
    const tom = await caller('reset');
    const outcome = await troubleshoot(tom, ids.serviceId('31000104', 1), 'no-internet');
    assert.equal(outcome.diagnostics.lineTest?.result, 'no-sync');
    assert.equal(outcome.diagnosis.action, 'remote-reset');
    assert.equal(outcome.resolution, 'resolved');
    assert.equal(outcome.diagnostics.retest?.result, 'pass');
    assert.equal(await f.stores.tickets.count({}), 0);
  });

  it('when a remote reset does not bring the line back, then a ticket opens with the re-test for the technician', async () => {
    await f.close();
    const network = demoNetworkAt(new Date(FIXTURE_NOW));
    f = await makeCare({ network: { ...network, resettable: [] } });
    ids = await demoIds(f.stores);
    const tom = await caller('reset');
    const outcome = await troubleshoot(tom, ids.serviceId('31000104', 1), 'no-internet');
    assert.equal(outcome.resolution, 'ticket');
    assert.equal(outcome.diagnosis.cause, 'remote-reset');
    assert.equal(outcome.diagnosis.action, 'dispatch');
    assert.equal(outcome.ticket?.diagnostics.retest?.result, 'no-sync');
  });

  it('when a resolved repair is repeated with its key, then the same outcome comes back without a second reset', async () => {
    const tom = await caller('reset');
    const first = await troubleshoot(tom, ids.serviceId('31000104', 1), 'no-internet', 'same');
    const spy = failingFirst(0, f.deps.backends.provisioning);
    f.deps.backends.provisioning = spy;
    const again = await troubleshoot(tom, ids.serviceId('31000104', 1), 'no-internet', 'same');
    assert.deepEqual(again, first);
    assert.equal(spy.faults.calls, 0);
  });

  it('when the line is cut, then a ticket opens with the diagnostics, slots are offered and one can be booked', async () => {
    const grace = await caller('technician');
    const outcome = await troubleshoot(grace, ids.serviceId('31000105', 1), 'no-dial-tone');
    assert.equal(outcome.resolution, 'ticket');
    assert.equal(outcome.diagnosis.action, 'dispatch');
    const ticket = outcome.ticket;
    assert.ok(ticket);
    assert.equal(ticket.status, 'open');
    assert.equal(ticket.diagnostics.lineTest?.result, 'fail');
    assert.equal(ticket.submission.state, 'delivered', 'handed over at once');
    assert.equal(outcome.slots?.length, 10, 'two windows on each of the five weekdays in the next 7 days');

    const slot = outcome.slots?.[2];
    assert.ok(slot);
    await assert.rejects(f.care.repair.bookAppointment(grace, ticket.id, 'slot-2030-01-01-am'), refusedWith('VALIDATION_FAILED'));
    const booked = await f.care.repair.bookAppointment(grace, ticket.id, slot.slotId);
    assert.equal(booked.status, 'scheduled');
    assert.deepEqual(booked.appointment, slot);
    assert.equal((await f.care.repair.bookAppointment(grace, ticket.id, slot.slotId)).appointment?.slotId, slot.slotId, 'booking again is harmless');
    assert.deepEqual((await f.care.repair.tickets(grace)).map((t) => t.id), [ticket.id]);
    assert.equal((await f.care.repair.ticket(grace, ticket.id)).status, 'scheduled');
  });

  it('when a dispatch is repeated with its key, then the same ticket comes back and only one exists', async () => {
    const grace = await caller('technician');
    const first = await troubleshoot(grace, ids.serviceId('31000105', 1), 'no-dial-tone', 'dup');
    const again = await troubleshoot(grace, ids.serviceId('31000105', 1), 'no-dial-tone', 'dup');
    assert.equal(again.ticket?.id, first.ticket?.id);
    assert.equal(await f.stores.tickets.count({}), 1);
    assert.equal(again.slots?.length, first.slots?.length);
  });

  it('when an order on the service is still in flight, then the order explains it', async () => {
    const dana = await caller('bundle');
    const now = f.clock.now().toISOString();
    await f.stores.orders.insert({
      id: 'ord-inflight',
      customerId: dana.customerId as string,
      type: 'modify',
      items: [{ action: 'change-product', serviceId: ids.serviceId('31000101', 1), fromProductId: 'fiber-500', toProductId: 'fiber-1000' }],
      quote: { lines: [], oneTimeTotal: { amountMinor: 0, currency: 'USD' }, monthlyTotal: { amountMinor: 0, currency: 'USD' }, monthlyDelta: { amountMinor: 0, currency: 'USD' }, notes: [], validUntil: now },
      status: 'inProgress',
      statusHistory: [],
      channel: 'portal',
      idempotencyKey: 'inflight',
      createdAt: now,
      submission: { state: 'delivered', idempotencyKey: 'inflight', attempts: 1, nextAttemptAt: now },
    } satisfies Omit<Order, 'version'>);
    const outcome = await troubleshoot(dana, ids.serviceId('31000101', 1), 'slow-internet');
    assert.equal(outcome.resolution, 'pending-order');
    assert.deepEqual(outcome.diagnostics.recentOrders.map((o) => o.id), ['ord-inflight']);
  });

  it('when the service is not theirs or the symptom does not fit, then it is refused and nothing is opened', async () => {
    const grace = await caller('technician');
    await assert.rejects(troubleshoot(grace, ids.serviceId('31000101', 1), 'no-internet'), refusedWith('NOT_FOUND'));
    await assert.rejects(troubleshoot(grace, ids.serviceId('31000105', 1), 'no-picture'), refusedWith('VALIDATION_FAILED'));
    await assert.rejects(f.care.repair.symptoms({ kind: 'customer', channel: 'voice', verification: 'none' }, ids.serviceId('31000105', 1)), refusedWith('NOT_IDENTIFIED'));
    assert.equal(await f.stores.tickets.count({}), 0);
  });

  it('when the network diagnostics are down, then the repair still ends with a ticket for a technician', async () => {
    const grace = await caller('technician');
    f.deps.backends.network = failingFirst(Number.POSITIVE_INFINITY, f.deps.backends.network);
    const outcome = await troubleshoot(grace, ids.serviceId('31000105', 2), 'no-internet');
    assert.equal(outcome.diagnostics.lineTest, undefined);
    assert.equal(outcome.resolution, 'ticket');
  });
});
