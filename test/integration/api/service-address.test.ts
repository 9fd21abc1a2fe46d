import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, signIn, startApi, type Api } from './api-harness';

describe('api: a new service at another address', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const order = async (serviceAddress: object) => {
    const auth = await signIn(api, demoPerson('bundle'));
    return api.http.post('/api/v1/orders/new').set('Authorization', auth).set('Idempotency-Key', newKey('address')).send({ productId: 'home-phone', serviceAddress });
  };

  it('when the address is outside the network, then the order is refused with NOT_SERVICEABLE and the reason, and none exists', async () => {
    const res = await order({ line1: '1 Desert Way', city: 'Far', region: 'NV', postalCode: '90210', country: 'US' });
    const problem = problemOf(res);
    assert.equal(problem.code, 'NOT_SERVICEABLE');
    assert.equal(problem.details?.reason, 'outside-network');
    assert.match(problem.detail, /outside our network/);
    assert.equal(await api.runtime.stores.orders.count({ type: 'new' }), 0);
  });

  it('when the address is served, then the order carries it', async () => {
    const where = { line1: '12 Lake Shore Drive', city: 'Lakeview', region: 'IL', postalCode: '62705', country: 'US' };
    const res = await order(where);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const stored = await api.runtime.stores.orders.get(res.body.id as string);
    const item = stored!.items[0]!;
    assert.deepEqual(item.action === 'add' && item.serviceAddress, where);
  });
});
