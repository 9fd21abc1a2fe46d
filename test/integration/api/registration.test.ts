import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, startApi, type Api } from './api-harness';

describe('api: registration input', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    firstName: 'Ada',
    lastName: 'Quinn',
    email: `ada.quinn.${newKey('mail')}@example.com`,
    phone: '+12175550299',
    billingAddress: { line1: '1 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
    pin: '2468',
    ...over,
  });
  const register = (b: object) => api.http.post('/api/v1/customers').set('Idempotency-Key', newKey('register')).send(b);
  const customers = () => api.runtime.stores.customers.count({});

  it("when another customer's phone number is given, then 409 PHONE_ALREADY_REGISTERED says to sign in or call, and nothing is stored", async () => {
    const before = await customers();
    const res = await register(body({ phone: demoPerson('bundle').phone }));
    assert.equal(res.status, 409);
    const problem = problemOf(res);
    assert.equal(problem.code, 'PHONE_ALREADY_REGISTERED');
    assert.match(problem.detail, /already registered; sign in, or call us/);
    assert.ok(!res.text.includes(demoPerson('bundle').accountNumber), 'nothing about the owner is told');
    assert.equal(await customers(), before);
  });

  it('when a name holds a NUL, a control character or a lone surrogate, then 400 names the field and nothing is stored', async () => {
    const before = await customers();
    const cases: [Record<string, unknown>, string][] = [
      [{ firstName: 'Ada\u0000' }, 'body.firstName'],
      [{ lastName: 'Qu\uD800inn' }, 'body.lastName'],
      [{ firstName: 'A\u001Bda' }, 'body.firstName'],
      [{ lastName: 'Quinn\u202E' }, 'body.lastName'],
      [{ billingAddress: { line1: '1 Elm\u0000Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' } }, 'body.billingAddress.line1'],
    ];
    for (const [over, path] of cases) {
      const res = await register(body(over));
      assert.equal(res.status, 400, `${path}: ${res.text}`);
      const problem = problemOf(res);
      assert.equal(problem.code, 'VALIDATION_FAILED');
      assert.deepEqual(problem.errors?.map((e) => e.path), [path]);
    }
    assert.equal(await customers(), before);
  });

  it('when the details are valid but oddly spaced, then they are stored normalised', async () => {
    const res = await register(body({ firstName: ' Zoe\u0301 ', lastName: 'van   der\u00A0Berg' }));
    assert.equal(res.status, 201, res.text);
    const stored = await api.runtime.stores.customers.get(res.body.customer.id as string);
    assert.equal(stored?.firstName, 'Zo\u00E9');
    assert.equal(stored?.lastName, 'van der Berg');
  });
});
