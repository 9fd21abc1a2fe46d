import assert from 'node:assert/strict';
import type { Actor } from '../../../src/domain/shared/actor';
import type { BillAdjustment } from '../../../src/domain/billing/billing';
import type { BillingSystem } from '../../../src/domain/ports/backends';
import type { DemoPerson } from '../../../src/demo/demo-people';
import { demoNetworkAt } from '../../../src/demo/demo-network';
import { createOutbox } from '../../../src/domain/submissions/outbox';
import { createReferenceBilling } from '../../../src/adapters/backends/reference-billing';
import { createReferenceBackends, alwaysFailing, failingFirst } from '../../../src/adapters/backends';
import { FIXTURE_NOW, makeCare, type CareFixture, type FixtureOptions } from '../../support/care-fixture';
import { demoIds, type DemoIds } from '../../support/demo-ids';

let ids: DemoIds;
let BILL = '';
let INTL_CALLS = '';
const network = demoNetworkAt(new Date(FIXTURE_NOW));
const noReports = { orderProgress: async () => undefined };

describe('outbox', () => {
  let f: CareFixture;
  afterEach(async () => f?.close());

  async function start(opts: FixtureOptions = {}): Promise<void> {
    f = await makeCare({ network, ...opts });
    ids = await demoIds(f.stores);
    BILL = ids.billId('31000101', '2026-11');
    INTL_CALLS = ids.itemId('31000101', '2026-11', 12);
  }
  const verified = (key: DemoPerson['key']): Promise<Actor> => {
    const p = f.people.find((x) => x.key === key) as DemoPerson;
    return f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal' });
  };
  const adjust = async (amountMinor = 500, key = 'k1'): Promise<BillAdjustment> =>
    f.care.billing.requestAdjustment(await verified('bundle'), { billId: BILL, itemId: INTL_CALLS, reasonCode: 'usage-dispute', amountMinor }, { idempotencyKey: key });
  const adjustedOnBill = async () => (await f.stores.bills.get(BILL))?.items.find((i) => i.id === INTL_CALLS)?.adjusted.amountMinor;
  const msFromNow = (iso: string | undefined) => Date.parse(iso ?? '') - f.clock.now().getTime();

  describe('orders', () => {
    it('when an instant order is submitted, then it is delivered at once and provisioning completes it', async () => {
      await start();
      const grace = await verified('technician');
      const allowed = await f.care.orders.allowedModifications(grace, ids.serviceId('31000105', 3));
      const roaming = allowed.find((a) => a.modification.kind === 'add-addon');
      assert.ok(roaming, 'mobile unlimited offers international roaming');
      const order = await f.care.orders.submitModification(grace, ids.serviceId('31000105', 3), roaming.modification, { idempotencyKey: 'o1' });
      assert.equal(order.submission.state, 'delivered');
      assert.match(order.submission.externalRef ?? '', /^PRV-/);
      assert.equal(order.status, 'completed');
      const mobile = (await f.stores.customers.get(grace.customerId as string))?.services.find((s) => s.id === ids.serviceId('31000105', 3));
      assert.deepEqual(mobile?.addons, ['intl-roaming']);
    });

    it('when an order needs field work, then it is in progress until provisioning reports it completed', async () => {
      await start({ completeAfterMs: Number.POSITIVE_INFINITY });
      const dana = await verified('bundle');
      const order = await f.care.orders.submitModification(dana, ids.serviceId('31000101', 1), { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'o2' });
      assert.equal(order.submission.state, 'delivered');
      assert.equal(order.status, 'inProgress');
      assert.equal(await f.backends.provisioning.completePending(), 1);
      assert.equal((await f.stores.orders.get(order.id))?.status, 'completed');
    });

    it('when provisioning never accepts the order, then after the last attempt the order fails and is dead-lettered', async () => {
      const dead: string[] = [];
      const provisioning = alwaysFailing(createReferenceBackends({ catalog: () => ({}) as never, clock: { now: () => new Date() }, reports: noReports, network }).provisioning, ['submitOrder']);
      await start({ backends: { provisioning }, outbox: { maxAttempts: 2, baseDelayMs: 10 }, onDeadLetter: (kind, id) => dead.push(`${kind}:${id}`) });
      const order = await f.care.orders.submitModification(await verified('bundle'), ids.serviceId('31000101', 1), { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'o3' });
      assert.equal(order.submission.state, 'pending');
      f.clock.advance(1000);
      assert.equal(await f.outbox.drainOnce(), 1);
      const failed = await f.stores.orders.get(order.id);
      assert.equal(failed?.submission.state, 'dead');
      assert.equal(failed?.status, 'failed');
      assert.deepEqual(dead, [`order:${order.id}`]);
    });
  });

  describe('adjustments', () => {
    it('when billing fails twice and then recovers, then each retry waits twice as long and the credit lands once', async () => {
      const billing = createReferenceBilling();
      await start({ backends: { billing: failingFirst(2, billing) } });
      const adjustment = await adjust();
      const first = await f.stores.adjustments.get(adjustment.id);
      assert.equal(first?.status, 'submitted');
      assert.equal(first?.submission?.attempts, 1);
      assert.match(first?.submission?.lastError ?? '', /injected failure/);
      const wait1 = msFromNow(first?.submission?.nextAttemptAt);
      assert.ok(wait1 >= 800 && wait1 <= 1200, `first retry after ~1 s, was ${wait1}`);
      assert.equal(await f.outbox.drainOnce(), 0, 'not due yet');

      f.clock.advance(wait1);
      assert.equal(await f.outbox.drainOnce(), 1);
      const second = await f.stores.adjustments.get(adjustment.id);
      assert.equal(second?.submission?.attempts, 2);
      const wait2 = msFromNow(second?.submission?.nextAttemptAt);
      assert.ok(wait2 >= 1600 && wait2 <= 2400, `second retry after ~2 s, was ${wait2}`);

      f.clock.advance(wait2);
      assert.equal(await f.outbox.drainOnce(), 1);
      const done = await f.stores.adjustments.get(adjustment.id);
      assert.equal(done?.status, 'applied');
      assert.equal(done?.submission?.state, 'delivered');
      assert.equal(done?.submission?.lastError, undefined);
      assert.equal(done?.submission?.leaseUntil, undefined);
      assert.equal(billing.effects.length, 1);
      assert.equal(await adjustedOnBill(), -500);
      assert.equal(await f.outbox.drainOnce(), 0, 'nothing left');
    });

    it('when billing never answers, then after maxAttempts the adjustment is dead-lettered, failed, and the bill untouched', async () => {
      const dead: [string, string, string][] = [];
      await start({
        backends: { billing: alwaysFailing(createReferenceBilling()) },
        outbox: { maxAttempts: 3, baseDelayMs: 10 },
        onDeadLetter: (kind, id, error) => dead.push([kind, id, error]),
      });
      const adjustment = await adjust();
      for (let i = 0; i < 2; i += 1) {
        f.clock.advance(60_000);
        assert.equal(await f.outbox.drainOnce(), 1);
      }
      const failed = await f.stores.adjustments.get(adjustment.id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.submission?.state, 'dead');
      assert.equal(failed?.submission?.attempts, 3);
      assert.equal(dead.length, 1);
      assert.deepEqual(dead[0]?.slice(0, 2), ['adjustment', adjustment.id]);
      assert.match(dead[0]?.[2] ?? '', /injected failure in applyAdjustment/);
      f.clock.advance(3_600_000);
      assert.equal(await f.outbox.drainOnce(), 0);
      assert.equal(await adjustedOnBill(), 0);
    });

    it('when a worker dies mid-delivery, then after its lease expires another delivers it, and the back-end applies it once', async () => {
      const billing = createReferenceBilling();
      await start({ backends: { billing: failingFirst(1, billing) } });
      const adjustment = await adjust(700);
      f.clock.advance(5_000);

      // Worker A reaches the billing system, which takes effect, then A freezes before recording it.
      const freezing: BillingSystem = {
        ...billing,
        applyAdjustment: async (a, key) => {
          await billing.applyAdjustment(a, key);
          return new Promise<never>(() => undefined);
        },
      };
      const a = createOutbox({ stores: f.stores, backends: { ...f.deps.backends, billing: freezing }, clock: f.clock, reports: noReports, maxAttempts: 8, baseDelayMs: 1000, leaseMs: 30_000 });
      void a.drainOnce();
      while (billing.effects.length === 0) await new Promise((r) => setImmediate(r));
      const leased = await f.stores.adjustments.get(adjustment.id);
      assert.equal(leased?.submission?.state, 'pending');
      assert.ok(leased?.submission?.leaseUntil);

      // A new process over the same stores: the record is leased, so it waits.
      const b = createOutbox({ stores: f.stores, backends: { ...f.deps.backends, billing }, clock: f.clock, reports: noReports, maxAttempts: 8, baseDelayMs: 1000 });
      assert.equal(await b.drainOnce(), 0);
      await b.deliver('adjustment', adjustment.id);
      assert.equal((await f.stores.adjustments.get(adjustment.id))?.submission?.state, 'pending', 'deliver respects the lease too');

      f.clock.advance(31_000);
      assert.equal(await b.drainOnce(), 1);
      const done = await f.stores.adjustments.get(adjustment.id);
      assert.equal(done?.status, 'applied');
      assert.equal(billing.effects.length, 1, 'the back-end deduplicated the second delivery on the idempotency key');
      assert.equal(done?.submission?.externalRef, billing.effects[0]?.externalRef);
      assert.equal(await adjustedOnBill(), -700);
      assert.deepEqual((await f.stores.bills.get(BILL))?.appliedAdjustmentIds, [adjustment.id]);
    });

    it('when two workers drain at the same moment, then only one claims the record', async () => {
      const billing = createReferenceBilling();
      const counted = failingFirst(1, billing);
      await start({ backends: { billing: counted } });
      const adjustment = await adjust();
      f.clock.advance(5_000);
      const worker = () => createOutbox({ stores: f.stores, backends: { ...f.deps.backends, billing: counted }, clock: f.clock, reports: noReports, maxAttempts: 8, baseDelayMs: 1000 });
      const [x, y] = await Promise.all([worker().drainOnce(), worker().drainOnce()]);
      assert.equal(x + y, 1);
      assert.equal(counted.faults.calls, 2, 'the first failed attempt and one delivery');
      assert.equal((await f.stores.adjustments.get(adjustment.id))?.status, 'applied');
      assert.equal(await adjustedOnBill(), -500);
    });
  });

  describe('extensions and tickets', () => {
    it('when billing was down for an extension, then a later drain moves the due date', async () => {
      await start({ backends: { billing: failingFirst(1, createReferenceBilling()) } });
      const dana = await verified('bundle');
      const extension = await f.care.billing.requestExtension(dana, { billId: BILL, toDate: '2026-12-10' }, { idempotencyKey: 'e1' });
      assert.equal(extension.status, 'submitted');
      assert.equal((await f.stores.bills.get(BILL))?.dueDate, '2026-12-03');
      f.clock.advance(5_000);
      assert.equal(await f.outbox.drainOnce(), 1);
      assert.equal((await f.stores.extensions.get(extension.id))?.status, 'applied');
      assert.equal((await f.stores.bills.get(BILL))?.dueDate, '2026-12-10');
    });

    it('when a ticket is handed over, then it is acknowledged with its own id as reference', async () => {
      await start();
      const grace = await f.care.verification.identifyByPhone('+12175550146', { channel: 'voice' });
      assert.ok(grace);
      const outcome = await f.care.repair.troubleshoot(grace.actor, { serviceId: ids.serviceId('31000105', 1), symptom: 'no-dial-tone' }, { idempotencyKey: 't1' });
      const ticket = await f.stores.tickets.get(outcome.ticket?.id ?? '');
      assert.equal(ticket?.submission.state, 'delivered');
      assert.equal(ticket?.submission.externalRef, ticket?.id);
    });
  });
});
