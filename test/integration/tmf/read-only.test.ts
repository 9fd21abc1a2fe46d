import assert from 'node:assert/strict';
import { startTmf, wholesale, type Tmf } from './tmf-harness';
import { demoIds, type DemoIds } from '../../support/demo-ids';

const CAT = '/tmf-api/productCatalogManagement/v5';
const INV = '/tmf-api/productInventory/v5';
const BILL = '/tmf-api/customerBillManagement/v5';

describe('TMF620, TMF629, TMF637, TMF678: read-only, limited to what the partner may see', () => {
  let tmf: Tmf;
  let ids: DemoIds;
  let token: string;
  before(async () => {
    tmf = await startTmf();
    ids = await demoIds(tmf.runtime.stores);
    token = await tmf.token();
  });
  after(() => tmf.close());

  it('when the partner pages through productOffering, then every catalog product is there once, with the paging headers', async () => {
    const products = tmf.runtime.deps.catalog().products;
    const seen: string[] = [];
    for (let offset = 0; offset < products.length; offset += 7) {
      const res = await tmf.call('get', `${CAT}/productOffering?offset=${offset}&limit=7`, token);
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-total-count'], String(products.length));
      seen.push(...(res.body as { id: string }[]).map((o) => o.id));
    }
    assert.deepEqual(seen, products.map((p) => p.id));
  });

  it('when one offering and its prices are read, then the prices are the catalog\'s, in major units', async () => {
    const product = tmf.runtime.deps.catalog().products.find((p) => p.pricing.some((c) => c.type === 'recurring'))!;
    const res = await tmf.call('get', `${CAT}/productOffering/${product.id}`, token);
    assert.equal(res.status, 200);
    assert.equal(res.body.name, product.name);
    const priceRefs = res.body.productOfferingPrice as { id: string }[];
    assert.equal(priceRefs.length, product.pricing.length);
    const recurring = product.pricing.findIndex((c) => c.type === 'recurring');
    const price = await tmf.call('get', `${CAT}/productOfferingPrice/${priceRefs[recurring]!.id}`, token);
    assert.equal(price.status, 200);
    assert.equal(price.body.priceType, 'recurring');
    assert.equal(price.body.price.value, (product.pricing[recurring] as { amountMinor: number }).amountMinor / 100);
    const all = await tmf.call('get', `${CAT}/productOfferingPrice?limit=100`, token);
    assert.equal(Number(all.headers['x-total-count']), tmf.runtime.deps.catalog().products.reduce((n, p) => n + p.pricing.length, 0));
    assert.equal((await tmf.call('get', `${CAT}/productOffering/no-such-thing`, token)).status, 404);
  });

  it('when the reseller lists inventory, then it sees the services of exactly its customers, with their states', async () => {
    const res = await tmf.call('get', `${INV}/product?limit=100`, token);
    assert.equal(res.status, 200);
    const customers = await tmf.runtime.stores.customers.find({ accountNumber: { $in: ['31000101', '31000103', '31000104', '31000105'] } });
    const expected = customers.flatMap((c) => c.services.map((s) => s.id)).sort();
    assert.deepEqual((res.body as { id: string }[]).map((p) => p.id).sort(), expected);
    const one = await tmf.call('get', `${INV}/product/${expected[0]}`, token);
    assert.equal(one.status, 200);
    const marcusService = ids.serviceId('31000102', 1);
    assert.equal((await tmf.call('get', `${INV}/product/${marcusService}`, token)).status, 404);
  });

  it('when the wholesale partner reads a bill, then it gets the amounts of its customer\'s bill and not the fields it may not see', async () => {
    const wt = await tmf.token(wholesale.input.clientId);
    const billId = ids.billId('31000101', (await tmf.runtime.stores.bills.find({ accountNumber: '31000101' }))[0]!.period);
    const bill = (await tmf.runtime.stores.bills.get(billId))!;
    const res = await tmf.call('get', `${BILL}/customerBill/${billId}`, wt);
    assert.equal(res.status, 200);
    assert.equal(res.body.amountDue.value, bill.total.amountMinor / 100);
    assert.equal(res.body.remainingAmount.value, bill.balance.amountMinor / 100);
    for (const key of Object.keys(res.body)) assert.ok(['@type', 'href', 'id', ...wholesale.input.visibleFields!.customerBill!].includes(key), `${key} is not visible to the wholesale partner`);
    const notTheirs = ids.billId('31000103', (await tmf.runtime.stores.bills.find({ accountNumber: '31000103' }))[0]!.period);
    assert.equal((await tmf.call('get', `${BILL}/customerBill/${notTheirs}`, wt)).status, 404);
  });

  it('when a path under /tmf-api does not exist, then 404 in the TMF Error shape', async () => {
    const res = await tmf.call('get', `${CAT}/nothingHere`, token);
    assert.equal(res.status, 404);
    assert.equal(res.body['@type'], 'Error');
  });

  it('when a partner registers a listener on TMF629, then 404: no procedure changes what a Customer shows, so there is nothing to listen to', async () => {
    const res = await tmf.call('post', '/tmf-api/customerManagement/v5/hub', token, { '@type': 'Hub', callback: 'http://127.0.0.1:9/listener' });
    assert.equal(res.status, 404);
    assert.equal(res.body['@type'], 'Error');
    assert.equal(await tmf.runtime.stores.listeners.count({}), 0);
  });
});
