import assert from 'node:assert/strict';
import type { CareFixture } from '../../../support/care-fixture';
import { closeCare, newcomer, orderCare, verifiedAs } from '../orders/order-helpers';
import type { DomainError } from '../../../../src/domain/shared/errors';

const errorOf = (p: Promise<unknown>): Promise<DomainError> =>
  p.then(
    () => assert.fail('expected a refusal'),
    (e: DomainError) => e,
  );

/** New service at another address than the billing one (moving, a second home). */
describe('new-service procedure: the service address', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await orderCare();
  });
  afterEach(() => closeCare(f));

  async function upToAddress(actor: Awaited<ReturnType<typeof verifiedAs>>, productId: string, config: Record<string, string> = {}) {
    const { id } = await f.care.interactions.start(actor, { channel: 'chat' });
    let step = await f.care.procedures.start(actor, id, 'new-service', { product: productId });
    for (const [field, value] of Object.entries(config)) step = await f.care.procedures.answer(actor, id, field, value);
    while (step.kind === 'choose' && step.field !== 'address') step = await f.care.procedures.answer(actor, id, step.field, null);
    return { id, step };
  }

  it('when Dana orders a home phone for her second home, then the order and the new service carry that address', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const { id, step } = await upToAddress(dana, 'home-phone');
    assert.equal(step.kind === 'choose' && step.options.map((o) => o.id).join(','), 'billing,elsewhere');
    await f.care.procedures.answer(dana, id, 'address', 'elsewhere');
    await f.care.procedures.answer(dana, id, 'address.line1', '12 Lake Shore Drive');
    await f.care.procedures.answer(dana, id, 'address.city', 'Lakeview');
    await f.care.procedures.answer(dana, id, 'address.region', 'IL');
    const confirm = await f.care.procedures.answer(dana, id, 'address.postal-code', '62705');
    assert.equal(confirm.kind === 'confirm' && confirm.facts.serviceAddress, '12 Lake Shore Drive, Lakeview, IL, 62705');
    const done = await f.care.procedures.answer(dana, id, 'confirm', true);
    assert.equal(done.kind, 'done');
    const [order] = await f.stores.orders.find({ interactionId: id });
    const item = order!.items[0]!;
    const where = { line1: '12 Lake Shore Drive', city: 'Lakeview', region: 'IL', postalCode: '62705', country: 'US' };
    assert.deepEqual(item.action === 'add' && item.serviceAddress, where);
    const customer = await f.stores.customers.get(dana.customerId!);
    assert.deepEqual(customer!.services.find((s) => item.action === 'add' && s.id === item.serviceId)?.serviceAddress, where);
  });

  it('when the other address is outside the network, then it is refused with that reason and nothing is ordered', async () => {
    const dana = await verifiedAs(f, 'bundle');
    const { id } = await upToAddress(dana, 'home-phone');
    await f.care.procedures.answer(dana, id, 'address', 'elsewhere');
    for (const [field, value] of [['address.line1', '1 Desert Way'], ['address.city', 'Far'], ['address.region', 'NV']]) await f.care.procedures.answer(dana, id, field!, value);
    const e = await errorOf(f.care.procedures.answer(dana, id, 'address.postal-code', '90210'));
    assert.equal(e.code, 'NOT_SERVICEABLE');
    assert.equal(e.message, "Brightwave Home Phone can't be provided at 90210: the address is outside our network");
    assert.equal(e.details.reason, 'outside-network');
    const step = await f.care.procedures.current(dana, id);
    assert.equal(step.kind === 'input' && step.field, 'address.postal-code', 'the postal code is asked again');
    assert.equal(await f.stores.orders.count({ interactionId: id }), 0);
  });

  it('when fiber is ordered for an address only copper reaches, then the reason names the technology', async () => {
    const ada = await newcomer(f);
    const { id } = await upToAddress(ada, 'fiber-300', { 'config.router': 'rent', 'config.installation': 'self' });
    await f.care.procedures.answer(ada, id, 'address', 'elsewhere');
    for (const [field, value] of [['address.line1', '3 Mill Lane'], ['address.city', 'Oldtown'], ['address.region', 'IL']]) await f.care.procedures.answer(ada, id, field!, value);
    const e = await errorOf(f.care.procedures.answer(ada, id, 'address.postal-code', '62718'));
    assert.equal(e.code, 'NOT_SERVICEABLE');
    assert.equal(e.details.reason, 'technology-unavailable');
    assert.match(e.message, /needs fiber, and only copper reaches 62718$/);
  });
});
