import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { createPartnersApi } from '../../../../src/domain/partners/partners-api';
import { createPartnerQueries } from '../../../../src/domain/partners/partner-queries';
import { createListenerRegistry } from '../../../../src/domain/partners/listener-registry';
import { createHub } from '../../../../src/channels/tmf/hub/hub';
import { hrefsFor } from '../../../../src/channels/tmf/mappers/refs';
import { demoPerson } from '../../../../src/demo/demo-people';
import type { Partner } from '../../../../src/domain/partners/partner';
import { loadTmfSpecs } from '../../../../src/channels/tmf/spec/tmf-specs';

const specs = loadTmfSpecs();

describe('TMF hub: who is owed an event', () => {
  let f: CareFixture;
  let partner: Partner;
  let hub: ReturnType<typeof createHub>;
  let registry: ReturnType<typeof createListenerRegistry>;
  let delivered: string[];
  let revision: string;
  beforeEach(async () => {
    revision = 'rev-1';
    f = await makeCare();
    delivered = [];
    const partners = createPartnersApi({ partners: f.stores.partners, customers: f.stores.customers, hasher: f.deps.hasher, clock: f.clock, ids: f.deps.ids });
    partner = await partners.register({ clientId: 'unit-partner', name: 'Unit', scopes: ['productOrder:read', 'troubleTicket:read'], accountNumbers: ['31000101'] }, 'a-secret-long-enough-for-the-rule');
    registry = createListenerRegistry({ stores: f.stores, clock: f.clock, ids: f.deps.ids, checkCallback: async () => undefined, deliverNow: async (_kind, id) => void delivered.push(id) });
    hub = createHub({ registry, partners, queries: createPartnerQueries({ stores: f.stores, partners }), catalog: f.deps.catalog, catalogAt: (r) => (r === revision ? f.deps.catalog() : undefined), clock: f.clock, href: hrefsFor('https://care.example.com') });
    await registry.register(partner, 'productOrder', { callback: 'https://partner.example.com/hook' });
  });
  afterEach(() => f.close());

  async function orderFor(key: string, person: Parameters<typeof demoPerson>[0] = 'bundle') {
    const p = demoPerson(person);
    const actor = await f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal', source: 'test' });
    return f.care.orders.submitNew(actor, { productId: 'mobile-5gb' }, { idempotencyKey: key });
  }
  const event = (order: { id: string; customerId: string }) => ({ type: 'order.state' as const, at: f.clock.now().toISOString(), orderId: order.id, customerId: order.customerId, status: 'acknowledged' as const });

  it('when the same event is handled twice (two processes), then it is owed and delivered once', async () => {
    const order = await orderFor('u1');
    await hub.handle(event(order));
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({}), 1);
    assert.equal(delivered.length, 1);
  });

  it('when the order is of a customer the partner does not act for, then nothing is owed', async () => {
    const order = await orderFor('u2', 'technician');
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({}), 0);
    // The same kind of event for its own customer is owed: the refusal above is the customer check.
    await hub.handle(event(await orderFor('u3')));
    assert.equal(await f.stores.notifications.count({}), 1);
  });

  it('when the partner lost its read scope or was deactivated after registering, then nothing more is owed', async () => {
    const order = await orderFor('u4');
    await f.stores.partners.replace({ ...partner, scopes: ['troubleTicket:read'] });
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({}), 0);
    const now = (await f.stores.partners.get(partner.id))!;
    await f.stores.partners.replace({ ...now, scopes: ['productOrder:read'], active: false });
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({}), 0);
    const again = (await f.stores.partners.get(partner.id))!;
    await f.stores.partners.replace({ ...again, active: true });
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({}), 1);
  });
  it('when an order completes and the partner listens to productInventory, then one ProductCreateEvent per service is owed; other states and unwanted types owe nothing', async () => {
    await f.stores.partners.replace({ ...(await f.stores.partners.get(partner.id))!, scopes: ['product:read'] });
    const all = await registry.register((await f.stores.partners.get(partner.id))!, 'product', { callback: 'https://partner.example.com/inventory' });
    const onlyState = await registry.register((await f.stores.partners.get(partner.id))!, 'product', { callback: 'https://partner.example.com/state', query: 'eventType=ProductStateChangeEvent' });
    const order = await orderFor('u5');
    await hub.handle(event(order));
    assert.equal(await f.stores.notifications.count({ listenerId: all.id }), 0, 'an acknowledged order changed no product');
    await hub.handle({ ...event(order), status: 'completed' });
    await hub.handle({ ...event(order), status: 'completed' });
    const owed = await f.stores.notifications.find({ listenerId: all.id });
    assert.equal(owed.length, 1, 'once, however often the event is handled');
    assert.equal(owed[0]!.eventType, 'ProductCreateEvent');
    const body = JSON.parse(owed[0]!.body) as { event: { product: { id: string } } };
    assert.ok(order.items.some((i) => i.serviceId === body.event.product.id));
    assert.equal(await f.stores.notifications.count({ listenerId: onlyState.id }), 0);
    // Another customer's completed order: nothing.
    const theirs = await orderFor('u6', 'technician');
    await hub.handle({ ...event(theirs), status: 'completed' });
    assert.equal(await f.stores.notifications.count({ listenerId: all.id }), 1);
  });

  describe('a reloaded catalog (TMF620)', () => {
    const changed = (rev: string) => ({
      type: 'catalog.changed' as const,
      at: f.clock.now().toISOString(),
      revision: rev,
      offerings: [{ id: 'mobile-5gb', change: 'changed' as const, fields: ['sellable', 'pricing'], pricing: { added: [], removed: [], changed: [0], renamed: [] } }],
    });
    let catalogReader: Partner;
    beforeEach(async () => {
      const partners = createPartnersApi({ partners: f.stores.partners, customers: f.stores.customers, hasher: f.deps.hasher, clock: f.clock, ids: f.deps.ids });
      // Acts for no customer at all: the catalog is nobody's.
      catalogReader = await partners.register({ clientId: 'unit-catalog', name: 'Catalog', scopes: ['productCatalog:read'], accountNumbers: [] }, 'a-secret-long-enough-for-the-rule');
    });

    it('when the catalog in use has the revision the event names, then every catalog listener is owed the state and price events once, whatever its customers', async () => {
      const all = await registry.register(catalogReader, 'productCatalog', { callback: 'https://partner.example.com/catalog' });
      const onlyPrices = await registry.register(catalogReader, 'productCatalog', { callback: 'https://partner.example.com/prices', query: 'eventType=ProductOfferingPriceAttributeValueChangeEvent' });
      await hub.handle(changed('rev-1'));
      await hub.handle(changed('rev-1'));
      assert.deepEqual((await f.stores.notifications.find({ listenerId: all.id })).map((n) => n.eventType).sort(), ['ProductOfferingPriceAttributeValueChangeEvent', 'ProductOfferingStateChangeEvent']);
      assert.deepEqual((await f.stores.notifications.find({ listenerId: onlyPrices.id })).map((n) => n.eventType), ['ProductOfferingPriceAttributeValueChangeEvent']);
      const price = JSON.parse((await f.stores.notifications.find({ listenerId: onlyPrices.id }))[0]!.body) as { event: { productOfferingPrice: { id: string } } };
      assert.equal(price.event.productOfferingPrice.id, 'mobile-5gb.1');
    });

    it('when offerings are created, renamed with a price added, or taken out, then each event owed is valid against its TMF620 schema', async () => {
      const listener = await registry.register(catalogReader, 'productCatalog', { callback: 'https://partner.example.com/catalog' });
      const none = { added: [], removed: [], changed: [], renamed: [] };
      await hub.handle({
        type: 'catalog.changed',
        at: f.clock.now().toISOString(),
        revision: 'rev-1',
        offerings: [
          { id: 'mobile-20gb', change: 'created', fields: [], pricing: { ...none, added: [0] } },
          { id: 'mobile-5gb', change: 'changed', fields: ['name', 'pricing'], pricing: { ...none, added: [1], changed: [0], renamed: [0] } },
          { id: 'fax-line', change: 'removed', fields: [], pricing: { ...none, removed: [0, 1] } },
        ],
      });
      const owed = await f.stores.notifications.find({ listenerId: listener.id });
      assert.deepEqual(owed.map((n) => n.eventType).sort(), [
        'ProductOfferingAttributeValueChangeEvent',
        'ProductOfferingCreateEvent',
        'ProductOfferingDeleteEvent',
        'ProductOfferingPriceAttributeValueChangeEvent',
        'ProductOfferingPriceCreateEvent',
        'ProductOfferingPriceCreateEvent',
        'ProductOfferingPriceDeleteEvent',
        'ProductOfferingPriceDeleteEvent',
      ]);
      for (const n of owed) assert.deepEqual(specs.validate('TMF620', n.eventType, JSON.parse(n.body)), [], n.eventType);
      const deleted = owed.filter((n) => n.eventType === 'ProductOfferingPriceDeleteEvent').map((n) => (JSON.parse(n.body) as { event: { productOfferingPrice: { id: string } } }).event.productOfferingPrice.id);
      assert.deepEqual(deleted.sort(), ['fax-line.1', 'fax-line.2']);
    });

    it('when this process never held the revision the event names, or the partner may not read the catalog, then nothing is owed', async () => {
      await registry.register(catalogReader, 'productCatalog', { callback: 'https://partner.example.com/catalog' });
      await hub.handle(changed('rev-0'));
      assert.equal(await f.stores.notifications.count({}), 0, 'another process\'s catalog: not ours to render');
      await f.stores.partners.replace({ ...(await f.stores.partners.get(catalogReader.id))!, scopes: ['product:read'] });
      await hub.handle(changed('rev-1'));
      assert.equal(await f.stores.notifications.count({}), 0, 'the scope was withdrawn');
      await f.stores.partners.replace({ ...(await f.stores.partners.get(catalogReader.id))!, scopes: ['productCatalog:read'] });
      await hub.handle(changed('rev-1'));
      assert.equal(await f.stores.notifications.count({}), 2, 'the same event is owed once the scope is back');
    });
  });
});
