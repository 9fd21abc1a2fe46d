import assert from 'node:assert/strict';
import { createLogger } from '../../../src/shared/logger';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, startApi, type Api } from './api-harness';

const newCustomer = (i: number) => ({
  firstName: 'Ada',
  lastName: 'Quinn',
  email: `ada.quinn.${i}.${Date.now()}@example.com`,
  phone: `+1309555011${i}`,
  billingAddress: { line1: '1 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
  pin: '5555',
});

describe('api: abuse limits', () => {
  let api: Api;
  afterEach(async () => {
    await api?.close();
  });

  it('when one address registers past REGISTRATIONS_PER_HOUR, then 429 THROTTLED with Retry-After and no customer is added', async () => {
    api = await startApi({ env: { REGISTRATIONS_PER_HOUR: '2' } });
    const before = await api.runtime.stores.customers.count({});
    for (let i = 0; i < 2; i++) assert.equal((await api.http.post('/api/v1/customers').set('Idempotency-Key', newKey('reg')).send(newCustomer(i))).status, 201);
    const refused = await api.http.post('/api/v1/customers').set('Idempotency-Key', newKey('reg')).send(newCustomer(2));
    assert.equal(refused.status, 429);
    assert.equal(problemOf(refused).code, 'THROTTLED');
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 3500 && retryAfter <= 3600, `Retry-After ${refused.headers['retry-after']}`);
    assert.equal(await api.runtime.stores.customers.count({}), before + 2);
  });

  it('when codes are asked for a real and an unknown account, then the answers are the same, up to the 429 with Retry-After', async () => {
    api = await startApi({ env: { CODE_SENDS_PER_CUSTOMER: '2' } });
    const ask = (accountNumber: string) => api.http.post('/api/v1/sessions/one-time-code').send({ accountNumber });
    const shape = (r: { status: number; body: unknown; headers: Record<string, string> }) => ({ status: r.status, body: { ...(r.body as object), instance: undefined }, retryAfter: r.headers['retry-after'] !== undefined });
    const real = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      real.push(shape(await ask(demoPerson('bundle').accountNumber)));
      unknown.push(shape(await ask('99999999')));
    }
    assert.deepEqual(unknown, real);
    assert.deepEqual(real.map((r) => r.status), [202, 202, 429]);
    assert.equal(real[2].retryAfter, true);
    assert.equal(api.runtime.backends.notifier.sent.length, 2);
  });

  it('when wrong PINs are tried on a real and an unknown account, then status and body match every time, lock included', async () => {
    api = await startApi();
    const signIn = (accountNumber: string) => api.http.post('/api/v1/sessions').send({ accountNumber, pin: '0000' });
    const real = [];
    const unknown = [];
    for (let i = 0; i < 6; i++) {
      const r = await signIn(demoPerson('bundle').accountNumber);
      const u = await signIn('99999999');
      real.push({ status: r.status, body: r.body });
      unknown.push({ status: u.status, body: u.body });
    }
    assert.deepEqual(unknown, real);
    assert.deepEqual(real.map((r) => r.status), [401, 401, 401, 401, 423, 423]);
  });

  it('when a path has a malformed percent escape, then 400 BAD_REQUEST and no error (nor stack) is logged', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'debug' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
    api = await startApi({ logger });
    lines.length = 0;
    const res = await api.http.get('/api/v1/bills/%E0%A4%A');
    assert.equal(res.status, 400);
    assert.equal(problemOf(res).code, 'BAD_REQUEST');
    assert.ok(lines.length > 0, 'the request was logged');
    assert.deepEqual(lines.filter((l) => Number(l.level) >= 50 || JSON.stringify(l).includes('"stack"')), []);
  });
});
