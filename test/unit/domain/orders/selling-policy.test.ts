import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import type { Actor } from '../../../../src/domain/shared/actor';
import type { Customer } from '../../../../src/domain/customers/customer';
import { closeCare, errorOf, orderCare, verifiedAs } from './order-helpers';
import { walk } from '../procedures/walk';
import { demoIds } from '../../../support/demo-ids';

describe('selling policy: account standing, products already held, services not held', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
  });
  afterEach(async () => closeCare(f));

  const customerOf = async (actor: Actor): Promise<Customer> => (await f.stores.customers.get(actor.customerId as string))!;
  async function suspend(actor: Actor): Promise<void> {
    const c = await customerOf(actor);
    await f.stores.customers.replace({ ...c, accountStatus: 'suspended' });
  }

  describe('account standing (rules/account-standing.json)', () => {
    it('when the suspended demo customer orders a new mobile line, then it is refused with the reason and the way forward, and no order exists', async () => {
      const marcus = await verifiedAs(f, 'suspended');
      const choice = { productId: 'mobile-5gb', config: { sim: 'esim' } };
      const err = await errorOf(f.care.orders.submitNew(marcus, choice, { idempotencyKey: 'line-1' }));
      assert.equal(err.code, 'ACCOUNT_NOT_IN_GOOD_STANDING');
      const refusal = err.details.refusal as { reasonCode: string; reason: string; nextSteps: string[]; facts: Record<string, unknown> };
      assert.equal(refusal.reasonCode, 'account-suspended');
      assert.match(refusal.reason, /suspended for an unpaid balance/);
      assert.deepEqual(refusal.nextSteps, ['pay-balance', 'agent']);
      assert.ok((refusal.facts.overdueBalanceMinor as number) > 0, 'the overdue balance to pay');
      assert.equal((await errorOf(f.care.orders.quoteNew(marcus, choice))).code, 'ACCOUNT_NOT_IN_GOOD_STANDING');
      assert.equal(await f.stores.orders.count({ customerId: marcus.customerId as string }), 0);
      assert.equal((await customerOf(marcus)).services.length, 2, 'no pending service was added');
    });

    it('when the suspended customer starts new service in a guided procedure, then it ends at once for a person, and the escalation carries the reason', async () => {
      const marcus = await verifiedAs(f, 'suspended');
      const { asked, done, interactionId } = await walk(f.care, marcus, 'new-service', []);
      assert.equal(asked.length, 0, 'no product is offered');
      assert.equal(done.outcome, 'escalate');
      assert.equal(done.prompt, 'refusal.account-suspended');
      assert.equal(done.facts.reasonCode, 'account-suspended');
      assert.deepEqual(done.facts.nextSteps, ['pay-balance', 'agent']);
      const e = await f.care.escalations.escalate(marcus, interactionId, { reason: 'caller asked for an agent or self-service could not finish' });
      assert.match(e.reason, /^refused \(account-suspended\): the account is suspended for an unpaid balance/);
      assert.equal(e.context.refusal?.reasonCode, 'account-suspended');
      assert.match(e.context.recommendedAction, /self-service refused \(account-suspended\)/);
      assert.equal(await f.stores.orders.count({}), 0);
    });

    it('when the suspended customer starts changing a service in a guided procedure, then the ending gives the standing as the reason, not "nothing to choose"', async () => {
      const marcus = await verifiedAs(f, 'suspended');
      const { asked, done } = await walk(f.care, marcus, 'modify-service', []);
      assert.equal(asked.length, 0);
      assert.equal(done.outcome, 'escalate');
      assert.equal(done.prompt, 'refusal.account-suspended');
      assert.equal(done.facts.field, 'service');
    });

    it('when an account with active services is suspended, then upgrades and add-ons are held back with the reason, and a downgrade is still possible', async () => {
      const dana = await verifiedAs(f, 'bundle');
      const fiber = (await customerOf(dana)).services.find((s) => s.productId === 'fiber-500')!;
      const before = await f.care.orders.allowedModifications(dana, fiber.id);
      assert.ok(before.some((m) => m.id === 'change-product:fiber-1000'), 'the upgrade is offered while in good standing');
      await suspend(dana);
      const after = (await f.care.orders.allowedModifications(dana, fiber.id)).map((m) => m.id);
      assert.equal(after.includes('change-product:fiber-1000'), false);
      assert.equal(after.some((id) => id.startsWith('add-addon:')), false);
      assert.ok(after.includes('change-product:fiber-300'));
      const err = await errorOf(f.care.orders.submitModification(dana, fiber.id, { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'up' }));
      assert.equal(err.code, 'ACCOUNT_NOT_IN_GOOD_STANDING');
      assert.equal(await f.stores.orders.count({ customerId: dana.customerId as string }), 0);
      const down = await f.care.orders.submitModification(dana, fiber.id, { kind: 'change-product', toProductId: 'fiber-300' }, { idempotencyKey: 'down' });
      assert.equal(down.type, 'modify');
    });

    it('when a balance is more than 60 days overdue, then the account is in collections and selling is refused', async () => {
      const dana = await verifiedAs(f, 'bundle');
      const [oldest] = await f.stores.bills.find({ customerId: dana.customerId as string }, { sort: { issuedAt: 1 }, limit: 1 });
      assert.ok(oldest);
      const choice = { productId: 'mobile-5gb', config: { sim: 'esim' } };
      assert.equal((await f.care.orders.quoteNew(dana, choice)).monthlyTotal.currency, 'USD', 'sold while in good standing');
      await f.stores.bills.replace({ ...oldest, dueDate: '2026-09-01', originalDueDate: '2026-09-01', status: 'overdue', balance: { amountMinor: 5000, currency: 'USD' } });
      const err = await errorOf(f.care.orders.submitNew(dana, choice, { idempotencyKey: 'c1' }));
      assert.equal(err.code, 'ACCOUNT_NOT_IN_GOOD_STANDING');
      assert.equal((err.details.refusal as { reasonCode: string }).reasonCode, 'account-in-collections');
      assert.equal(await f.stores.orders.count({ customerId: dana.customerId as string }), 0);
    });
  });

  describe('already held, not held', () => {
    it('when a customer orders the broadband product they already have, then "you already have it" with the changes they can make instead', async () => {
      const dana = await verifiedAs(f, 'bundle');
      const err = await errorOf(f.care.orders.submitNew(dana, { productId: 'fiber-500', config: { router: 'rent', installation: 'technician' } }, { idempotencyKey: 'dup' }));
      assert.equal(err.code, 'ALREADY_HAVE_PRODUCT');
      const refusal = err.details.refusal as { reasonCode: string; reason: string; facts: { options: string[]; serviceId: string } };
      assert.equal(refusal.reasonCode, 'already-have-product');
      assert.match(refusal.reason, /^you already have Fiber 500/);
      assert.ok(refusal.facts.options.includes('Upgrade to Fiber 1000'), refusal.facts.options.join(' | '));
      assert.equal(refusal.facts.serviceId, (await customerOf(dana)).services.find((s) => s.productId === 'fiber-500')?.id);
      assert.equal(await f.stores.orders.count({}), 0);
    });

    it('when a customer adds an add-on the service already has, then "you already have it" instead of "not allowed"', async () => {
      const dana = await verifiedAs(f, 'bundle');
      const tv = (await customerOf(dana)).services.find((s) => s.productId === 'tv-plus')!;
      const err = await errorOf(f.care.orders.submitModification(dana, tv.id, { kind: 'add-addon', addonId: 'sports-pack' }, { idempotencyKey: 'sp' }));
      assert.equal(err.code, 'ALREADY_HAVE_PRODUCT');
      const refusal = err.details.refusal as { reason: string; facts: { options: string[] } };
      assert.match(refusal.reason, /you already have Sports Pack on this service/);
      assert.ok(refusal.facts.options.includes('Add Movie Pack'), refusal.facts.options.join(' | '));
      assert.equal(await f.stores.orders.count({}), 0);
    });

    it('when a customer reports a fault on TV but has no TV, then it says so with the services they do have', async () => {
      const tom = await verifiedAs(f, 'reset');
      const err = await errorOf(f.care.repair.servicesOfFamily(tom, 'tv'));
      assert.equal(err.code, 'SERVICE_NOT_ON_ACCOUNT');
      const refusal = err.details.refusal as { reasonCode: string; reason: string; facts: { services: string[] } };
      assert.equal(refusal.reasonCode, 'service-not-on-account');
      assert.equal(refusal.facts.services.length, 2);
      assert.match(refusal.reason, /^there is no tv service on this account; it has Classic DSL/);
      const broadband = await f.care.repair.servicesOfFamily(tom, 'broadband');
      assert.deepEqual(broadband.map((s) => s.productId), ['dsl-legacy-10']);
    });
  });

  describe('every refusal explains itself', () => {
    type Refused = { reasonCode: string; reason: string; nextSteps: string[] };
    it('when a suspended service is changed, a tax is adjusted, or a service with an order in progress is cancelled, then each refusal has a reason code, plain words and a next step', async () => {
      const marcus = await verifiedAs(f, 'suspended');
      const dsl = (await customerOf(marcus)).services.find((x) => x.productId === 'dsl-25')!;
      const suspended = await errorOf(f.care.orders.allowedModifications(marcus, dsl.id));
      assert.equal(suspended.code, 'SERVICE_NOT_MODIFIABLE');
      assert.deepEqual(suspended.details.refusal, { reasonCode: 'service-suspended', reason: 'a suspended service cannot be changed', nextSteps: ['pay-balance', 'agent'], facts: { status: 'suspended' } });

      const dana = await verifiedAs(f, 'bundle');
      const ids = await demoIds(f.stores);
      const tax = await errorOf(f.care.billing.requestAdjustment(dana, { billId: ids.billId('31000101', '2026-11'), itemId: ids.itemId('31000101', '2026-11', 13), reasonCode: 'billing-error', amountMinor: 100 }, { idempotencyKey: 't' }));
      assert.equal(tax.code, 'ITEM_NOT_ADJUSTABLE');
      const taxRefusal = tax.details.refusal as Refused & { facts: { adjustable: string[] } };
      assert.equal(taxRefusal.reasonCode, 'item-not-adjustable');
      assert.deepEqual(taxRefusal.nextSteps, ['choose-other', 'agent']);
      assert.ok(taxRefusal.facts.adjustable.length > 0, 'the charges that can be adjusted');

      const fiber = (await customerOf(dana)).services.find((x) => x.productId === 'fiber-500')!;
      await f.care.orders.submitModification(dana, fiber.id, { kind: 'change-product', toProductId: 'fiber-1000' }, { idempotencyKey: 'up' });
      const busy = await errorOf(f.care.orders.submitDiscontinuation(dana, { serviceId: fiber.id, reasonCode: 'moving' }, { idempotencyKey: 'bye' }));
      assert.equal(busy.code, 'SERVICE_NOT_CANCELLABLE');
      assert.deepEqual((busy.details.refusal as Refused).nextSteps, ['try-later']);
      assert.equal((busy.details.refusal as Refused).reasonCode, 'order-in-progress');
    });
  });
});
