import assert from 'node:assert/strict';
import path from 'node:path';
import { createStores } from '../../../src/adapters/stores';
import { createScryptHasher } from '../../../src/adapters/crypto/scrypt-hasher';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';
import { demoCustomerSeeds, seedDemo } from '../../../src/demo/seed-demo';
import { demoHistory, HISTORY_DAYS } from '../../../src/demo/demo-history';
import { DEMO_STAFF } from '../../../src/demo/demo-staff';
import { DEMO_PEOPLE, demoPerson } from '../../../src/demo/demo-people';
import { demoNetworkAt } from '../../../src/demo/demo-network';
import type { Stores } from '../../../src/domain/ports/store';
import type { Customer } from '../../../src/domain/customers/customer';
import type { Bill } from '../../../src/domain/billing/billing';
import type { Interaction } from '../../../src/domain/interactions/interaction';
import type { IdGenerator } from '../../../src/domain/shared/ports';

/** Ids numbered in order of use, so two runs can be compared. */
const countingIds = (): IdGenerator => {
  let n = 0;
  return { next: (prefix) => `${prefix ?? 'x'}_${(n += 1)}` };
};

const ROOT = path.resolve(__dirname, '../../..');
const catalog = loadCatalogFile(path.join(ROOT, 'catalog/catalog.json'));
const NOW = new Date('2026-11-22T15:30:00.000Z');
const clock = { now: () => NOW };
const hasher = createScryptHasher({ cost: 1024 });
const today = NOW.toISOString().slice(0, 10);
const sumOf = (xs: { amountMinor: number }[]) => xs.reduce((s, x) => s + x.amountMinor, 0);

describe('demo operator seed', () => {
  let stores: Stores;
  let customers: Customer[];
  let bills: Bill[];
  let interactions: Interaction[];
  /** The generated contact history (demo-history.ts), apart from the unfinished contacts. */
  let history: Interaction[];
  let result: { seeded: boolean; customers: number; staff: number };

  before(async () => {
    stores = await createStores({ inMemory: true });
    result = await seedDemo({ stores, hasher, catalog, clock, history: true });
    customers = await stores.customers.find({});
    bills = await stores.bills.find({});
    const all = await stores.interactions.find({});
    history = all.filter((i) => i.channelRef?.startsWith('demo-history-'));
    interactions = all.filter((i) => !history.includes(i));
  });
  after(() => stores.close());

  it('when the store is empty, then about fifty customers are seeded', () => {
    assert.equal(result.seeded, true);
    assert.equal(result.customers, customers.length);
    assert.ok(customers.length >= 45 && customers.length <= 55, `${customers.length} customers`);
  });

  it('when seeded, then account numbers, emails, phones, service ids and line ids are unique', () => {
    const unique = (xs: string[], what: string) => assert.equal(new Set(xs).size, xs.length, `duplicate ${what}`);
    unique(customers.map((c) => c.accountNumber), 'account number');
    unique(customers.map((c) => c.email), 'email');
    unique(customers.flatMap((c) => c.phones), 'phone');
    unique(customers.flatMap((c) => c.services.map((s) => s.id)), 'service id');
    unique(customers.flatMap((c) => c.services.map((s) => s.lineId)), 'line id');
    for (const c of customers) {
      assert.match(c.email, /^[a-z0-9.]+@example\.com$/);
      for (const phone of c.phones) assert.match(phone, /^\+1\d{3}55501\d{2}$/, 'fictional 555-01xx numbers');
    }
  });

  it('when seeded, then every service names a catalog product with valid config, features and add-ons', () => {
    const products = new Map(catalog.products.map((p) => [p.id, p]));
    for (const c of customers) {
      for (const s of c.services) {
        const p = products.get(s.productId);
        assert.ok(p && p.kind === 'service', `${c.accountNumber}: ${s.productId}`);
        for (const [key, value] of Object.entries(s.config)) assert.ok(p.config.find((o) => o.key === key)?.values.some((v) => v.id === value), `${s.id} config ${key}=${value}`);
        for (const f of s.features) assert.ok(p.features.some((x) => x.id === f), `${s.id} feature ${f}`);
        for (const a of s.addons) assert.ok(p.addons.includes(a), `${s.id} add-on ${a}`);
        for (const promo of s.promotions) assert.ok(catalog.promotions.some((x) => x.id === promo.id && x.appliesTo.includes(s.productId)), `${s.id} promotion ${promo.id}`);
        if (s.contractEnd) assert.ok(s.contractEnd > today, 'a contract end in the past is no contract');
        if (p.requires.includes('broadband')) assert.ok(c.services.some((x) => products.get(x.productId)?.family === 'broadband'), `${c.accountNumber} has TV without internet`);
      }
    }
    assert.ok(customers.some((c) => c.services.some((s) => !products.get(s.productId)?.sellable)), 'someone still has a product no longer sold');
  });

  it('when seeded, then each customer has three monthly bills whose arithmetic holds', () => {
    for (const c of customers) {
      const own = bills.filter((b) => b.customerId === c.id).sort((a, b) => a.period.localeCompare(b.period));
      assert.equal(own.length, 3, c.accountNumber);
      assert.equal(new Set(own.map((b) => b.period)).size, 3);
      for (const b of own) {
        assert.ok(b.items.length > 0);
        assert.ok(b.items.every((i) => Number.isInteger(i.amount.amountMinor) && i.amount.currency === 'USD' && i.adjusted.amountMinor === 0));
        assert.equal(b.total.amountMinor, sumOf(b.items.map((i) => i.amount)), `${b.id} total`);
        assert.equal(b.balance.amountMinor, b.total.amountMinor - sumOf(b.payments.map((p) => p.amount)), `${b.id} balance`);
        const expected = b.balance.amountMinor <= 0 ? 'paid' : b.dueDate < today ? 'overdue' : 'open';
        assert.equal(b.status, expected, `${b.id} status`);
        assert.ok(b.issuedAt < NOW.toISOString() && b.payments.every((p) => p.receivedAt <= NOW.toISOString()));
        assert.ok(b.items.every((i) => i.serviceId === undefined || c.services.some((s) => s.id === i.serviceId)));
      }
      assert.ok(own[0].status === 'paid' || own[0].status === 'overdue', 'the oldest bill is paid or overdue, never open');
    }
    const kinds = new Set(bills.flatMap((b) => b.items.map((i) => i.type)));
    for (const kind of ['recurring', 'one-time', 'usage', 'late-fee', 'tax', 'discount']) assert.ok(kinds.has(kind as never), `some bill has a ${kind} item`);
    assert.ok(bills.some((b) => b.status === 'overdue') && bills.some((b) => b.status === 'open') && bills.some((b) => b.status === 'paid'));
  });

  it('when seeded, then the documented people are there and their PINs and passwords verify', async () => {
    for (const person of DEMO_PEOPLE) {
      const c = customers.find((x) => x.accountNumber === person.accountNumber);
      assert.ok(c, person.accountNumber);
      assert.equal(c.email, person.email);
      assert.equal(c.phones[0], person.phone);
      assert.equal(await hasher.verify(person.pin, c.credentials.pinHash), true);
      assert.equal(await hasher.verify('0000', c.credentials.pinHash), false);
      assert.ok(c.credentials.passwordHash && (await hasher.verify(person.password, c.credentials.passwordHash)));
      assert.ok(!JSON.stringify(c).includes(person.password), 'no secret stored in clear');
    }
  });

  it('when seeded, then each documented person is set up for their story', () => {
    const find = (key: Parameters<typeof demoPerson>[0]) => customers.find((c) => c.accountNumber === demoPerson(key).accountNumber) as Customer;
    const billsOf = (c: Customer) => bills.filter((b) => b.customerId === c.id).sort((a, b) => b.period.localeCompare(a.period));
    const network = demoNetworkAt(NOW);

    const dana = find('bundle');
    assert.deepEqual(dana.services.map((s) => s.productId).sort(), ['fiber-500', 'home-phone', 'tv-plus']);
    const usage = billsOf(dana)[0].items.find((i) => i.type === 'usage');
    assert.ok(usage && usage.amount.amountMinor > 0 && usage.amount.amountMinor <= catalog.adjustments.selfServiceLimitMinor.voice);
    assert.ok(billsOf(dana)[0].items.some((i) => i.type === 'discount' && /Triple Play/.test(i.description)));

    const marcus = find('suspended');
    assert.equal(marcus.accountStatus, 'suspended');
    assert.ok(marcus.services.every((s) => s.status === 'suspended' && s.suspendedReason === 'non-payment'));
    const overdue = billsOf(marcus).filter((b) => b.status === 'overdue');
    assert.equal(overdue.length, 2);
    const daysPastDue = (Date.parse(today) - Date.parse(overdue[overdue.length - 1].dueDate)) / 86_400_000;
    assert.ok(daysPastDue > catalog.extensions.maxDaysPastDue, 'too far past due to self-extend');
    assert.ok(billsOf(marcus).some((b) => b.items.some((i) => i.type === 'late-fee')));

    const priya = find('outage');
    const outage = network.outages.find((o) => o.postalCodes.includes(priya.services[0].serviceAddress?.postalCode ?? ''));
    assert.ok(outage && outage.families.includes('broadband') && outage.startedAt <= NOW.toISOString() && outage.eta > NOW.toISOString());
    assert.equal(priya.services[0].productId, 'fiber-1000');
    assert.ok(priya.services[0].contractEnd, 'under contract');

    const tom = find('reset');
    assert.equal(tom.services[0].productId, 'dsl-legacy-10');
    assert.equal(network.faults[tom.services[0].lineId], 'no-sync');
    assert.ok(network.resettable.includes(tom.services[0].lineId));

    const grace = find('technician');
    assert.equal(network.faults[grace.services[0].lineId], 'fail');
    assert.ok(!network.resettable.includes(grace.services[0].lineId));
  });

  it('when seeded, then every line the demo network knows belongs to a seeded service', () => {
    const lines = new Set(customers.flatMap((c) => c.services.map((s) => s.lineId)));
    const network = demoNetworkAt(NOW);
    for (const lineId of [...Object.keys(network.faults), ...network.resettable]) assert.ok(lines.has(lineId), lineId);
  });

  it('when seeded, then a few unfinished interactions from the last day can be resumed', () => {
    assert.ok(interactions.length >= 4 && interactions.length <= 5);
    const dayAgo = new Date(NOW.getTime() - 24 * 3_600_000).toISOString();
    for (const i of interactions) {
      assert.equal(i.status, 'abandoned');
      assert.ok(i.customerId && customers.some((c) => c.id === i.customerId));
      assert.equal(i.procedure?.status, 'open');
      assert.ok(i.procedure && i.procedure.completed.length > 0);
      assert.deepEqual(Object.keys(i.procedure.answers), i.procedure.completed);
      assert.ok(i.procedure.updatedAt > dayAgo && i.procedure.updatedAt <= NOW.toISOString(), i.id);
    }
    const dana = interactions.find((i) => i.customerId === customers.find((c) => c.accountNumber === demoPerson('bundle').accountNumber)?.id);
    assert.equal(dana?.procedure?.name, 'bill-adjustment');
    assert.ok(bills.some((b) => b.id === dana?.procedure?.answers.bill && b.items.some((it) => it.id === dana?.procedure?.answers.item)));
  });

  it('when seeded again, then nothing changes', async () => {
    const again = await seedDemo({ stores, hasher, catalog, clock });

    assert.deepEqual(again, { seeded: false, customers: customers.length, staff: DEMO_STAFF.length });
    assert.equal(await stores.staff.count({}), DEMO_STAFF.length);
    assert.equal(await stores.bills.count({}), bills.length);
    assert.equal(await stores.interactions.count({}), interactions.length + history.length);
  });

  it('when seeded, then the demo staff are there with hashed passwords that verify, and no password in the clear', async () => {
    assert.equal(result.staff, DEMO_STAFF.length);
    for (const s of DEMO_STAFF) {
      const stored = await stores.staff.findOne({ username: s.username });
      assert.ok(stored, s.username);
      assert.deepEqual([stored.role, stored.skills, stored.active], [s.role, s.skills, true]);
      assert.ok(!JSON.stringify(stored).includes(s.password));
      assert.equal(await hasher.verify(s.password, stored.passwordHash), true);
    }
    assert.deepEqual(DEMO_STAFF.map((s) => s.role).sort(), ['csr', 'csr', 'supervisor']);
  });

  it('when a store has customers from before staff existed, then seeding adds the demo staff only', async () => {
    const older = await createStores({ inMemory: true });
    try {
      const { version: _v, ...first } = customers[0]!;
      await older.customers.insert(first);
      const seeded = await seedDemo({ stores: older, hasher, catalog, clock });
      assert.deepEqual(seeded, { seeded: false, customers: 1, staff: DEMO_STAFF.length });
      assert.equal(await older.bills.count({}), 0);
    } finally {
      await older.close();
    }
  });

  it('when the seeds are built twice for the same moment, then they are identical (deterministic)', () => {
    assert.deepEqual(demoCustomerSeeds(catalog, NOW, countingIds()), demoCustomerSeeds(catalog, NOW, countingIds()));
    assert.deepEqual(demoHistory(catalog, NOW), demoHistory(catalog, NOW));
  });

  it('when seeded, then three weeks of closed contacts give every report something, and no escalation waits or touches the last two days', async () => {
    const days = new Set(history.map((i) => i.startedAt.slice(0, 10)));
    assert.ok(days.size >= HISTORY_DAYS, `${days.size} days`);
    assert.ok(history.every((i) => i.status !== 'open' && !i.customerId && i.startedAt < NOW.toISOString()));
    for (const status of ['completed', 'escalated', 'abandoned'] as const) assert.ok(history.some((i) => i.status === status), status);
    for (const channel of ['voice', 'chat', 'portal']) assert.ok(history.some((i) => i.channel === channel), channel);
    assert.ok(history.some((i) => i.marketing.some((m) => m.questionId === 'moving-to-provider')));
    assert.ok(history.some((i) => i.marketing.some((m) => m.questionId === 'next-best-offer')));
    const escalations = await stores.escalations.find({});
    assert.equal(escalations.length, history.filter((i) => i.links.escalationId).length);
    const twoDaysAgo = new Date(NOW.getTime() - 2 * 86_400_000).toISOString();
    assert.ok(escalations.every((e) => (e.status === 'resolved' || e.status === 'abandoned') && (e.closedAt ?? '') < twoDaysAgo));
    assert.ok(escalations.some((e) => e.status === 'abandoned') && escalations.some((e) => e.status === 'resolved' && e.context.refusal));
  });

  it('when seeded, then no customer, service, line, bill, item or payment id carries the account number', () => {
    const idsOf = (c: Customer): string[] => {
      const own = bills.filter((b) => b.customerId === c.id);
      return [c.id, ...c.services.flatMap((s) => [s.id, s.lineId]), ...own.flatMap((b) => [b.id, ...b.items.map((i) => i.id), ...b.payments.map((p) => p.id)])];
    };
    for (const c of customers) {
      const ids = idsOf(c);
      assert.ok(ids.length > 4, c.accountNumber);
      for (const id of ids) assert.ok(!id.includes(c.accountNumber), `${id} carries ${c.accountNumber}`);
    }
    assert.match(customers[0].id, /^cus_[0-9A-Z]{20}$/);
    assert.match(bills[0].id, /^bill_[0-9A-Z]{20}$/);
  });
});
