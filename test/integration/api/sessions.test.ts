import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import { newKey, problemOf, startApi, type Api } from './api-harness';
import { requestHash } from '../../../src/channels/api/idempotency';

describe('api: sessions', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi();
  });
  afterEach(async () => {
    await api.close();
  });

  const dana = demoPerson('bundle');

  it('when an account number and the right PIN are given, then a Bearer token for a verified portal session comes back', async () => {
    const res = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin });
    assert.equal(res.status, 201);
    assert.equal(res.body.tokenType, 'Bearer');
    assert.equal(res.body.verification, 'verified');
    assert.equal(res.body.customer.accountNumber, dana.accountNumber);
    assert.equal(res.body.customer.credentials, undefined);
    const me = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.email, dana.email);
  });

  it('when a phone and PIN are given, then the customer is signed in', async () => {
    const res = await api.http.post('/api/v1/sessions').send({ phone: dana.phone, pin: dana.pin });
    assert.equal(res.status, 201);
    assert.equal(res.body.customer.accountNumber, dana.accountNumber);
  });

  it('when an email and password are given, then the customer is signed in', async () => {
    const res = await api.http.post('/api/v1/sessions').send({ email: dana.email, password: dana.password });
    assert.equal(res.status, 201);
    assert.equal(res.body.customer.accountNumber, dana.accountNumber);
  });

  it('when a one-time code is requested and given back, then the customer is signed in', async () => {
    const sent = await api.http.post('/api/v1/sessions/one-time-code').send({ accountNumber: dana.accountNumber });
    assert.equal(sent.status, 202);
    assert.ok(!JSON.stringify(sent.body).includes(dana.phone.slice(-7)), 'the destination is masked');
    const notifier = api.runtime.backends.notifier as unknown as { lastCodeFor(to: string): string | undefined };
    const code = notifier.lastCodeFor(dana.phone) ?? notifier.lastCodeFor(dana.email);
    assert.ok(code, 'a code was sent');
    const res = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, code });
    assert.equal(res.status, 201);
    assert.equal(res.body.customer.accountNumber, dana.accountNumber);
  });

  it('when the PIN is wrong, then the answer is a 401 problem with code VERIFICATION_FAILED', async () => {
    const res = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: '0000' });
    assert.equal(res.status, 401);
    const problem = problemOf(res);
    assert.equal(problem.code, 'VERIFICATION_FAILED');
    assert.equal(problem.status, 401);
    assert.ok(!res.text.includes('0000'));
  });

  it('when the PIN is wrong as many times as the threshold, then the account is locked (423), even for the right PIN', async () => {
    const threshold = api.runtime.config.lockoutThreshold;
    for (let i = 0; i < threshold; i += 1) await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: '0000' });
    const res = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin });
    assert.equal(res.status, 423);
    assert.equal(problemOf(res).code, 'ACCOUNT_LOCKED');
  });

  it('when identifiers and secrets are mismatched, then the request is refused with 400 before any check', async () => {
    for (const body of [{ email: dana.email, pin: dana.pin }, { accountNumber: dana.accountNumber }, { accountNumber: dana.accountNumber, phone: dana.phone, pin: dana.pin }, { accountNumber: dana.accountNumber, password: 'x' }]) {
      const res = await api.http.post('/api/v1/sessions').send(body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(problemOf(res).code, 'VALIDATION_FAILED');
    }
  });

  it('when no token, a forged token or an expired token is sent, then the API answers 401 UNAUTHENTICATED', async () => {
    const none = await api.http.get('/api/v1/me');
    assert.equal(none.status, 401);
    assert.equal(problemOf(none).code, 'UNAUTHENTICATED');
    assert.match(String(none.headers['www-authenticate']), /^Bearer/);

    const signed = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin });
    const [header, body, mac] = String(signed.body.token).split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    payload.act.customerId = (await api.runtime.stores.customers.findOne({ accountNumber: '31000102' }))?.id;
    const forged = `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    assert.equal((await api.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`)).status, 401);

    api.clock.advance(31 * 60 * 1000);
    const expired = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${signed.body.token}`);
    assert.equal(expired.status, 401);
  });

  it('when a new customer registers, then a session verified for the new account comes back and a repeat with the same key replays it', async () => {
    const key = newKey('register');
    const body = {
      firstName: 'Ada',
      lastName: 'Quinn',
      email: `ada.quinn.${Date.now()}@example.com`,
      phone: '+13095550129',
      billingAddress: { line1: '1 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
      pin: '5555',
    };
    const before = await api.runtime.stores.customers.count({});
    const first = await api.http.post('/api/v1/customers').set('Idempotency-Key', key).send(body);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.verification, 'verified');
    const again = await api.http.post('/api/v1/customers').set('Idempotency-Key', key).send(body);
    assert.equal(again.status, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    const { token: firstToken, expiresAt: _e1, ...firstRest } = first.body;
    const { token: againToken, expiresAt, ...againRest } = again.body;
    assert.deepEqual(againRest, firstRest, 'the same customer, level and token type');
    assert.equal(expiresAt, first.body.expiresAt, 'the clock stood still: the same lifetime');
    assert.equal(await api.runtime.stores.customers.count({}), before + 1);

    const records = await api.runtime.stores.idempotency.find({});
    const record = records.find((r) => r.id.endsWith(`:${key}`));
    assert.ok(record, 'the response was recorded');
    assert.equal(record.state, 'done');
    const kept = JSON.stringify(record);
    assert.ok(!kept.includes(firstToken) && !kept.includes(againToken), 'no token in the stored record');
    assert.ok(!/"token"|eyJ/.test(String(record.body)), 'no token field in the stored response');
    assert.ok(kept.includes(first.body.customer.id), 'the record refers to the customer');

    // Both tokens are sessions of that (verified) new customer.
    for (const token of [firstToken, againToken]) {
      const me = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
      assert.equal(me.status, 200);
      assert.equal(me.body.id, first.body.customer.id);
    }

    // The PIN in the body is not recoverable from the record: its fingerprint is keyed.
    assert.notEqual(record.requestHash, requestHash({ path: '/customers', query: {}, body }));
    assert.equal(record.requestHash, requestHash({ path: '/customers', query: {}, body }, api.runtime.config.sessionSecret));

    // A later replay never extends the session: its token expires when the first one does.
    api.clock.advance(20 * 60_000);
    const later = await api.http.post('/api/v1/customers').set('Idempotency-Key', key).send(body);
    assert.equal(later.status, 201);
    assert.equal(later.body.expiresAt, first.body.expiresAt);
    api.clock.advance(11 * 60_000);
    const late = await api.http.get('/api/v1/me').set('Authorization', `Bearer ${later.body.token as string}`);
    assert.equal(late.status, 401);
  });

  it('when a newly registered customer orders a first service with the session registration returned, then the order is placed', async () => {
    const body = {
      firstName: 'Noor',
      lastName: 'Haddad',
      email: `noor.haddad.${Date.now()}@example.com`,
      phone: '+13095550127',
      billingAddress: { line1: '3 Elm Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
      pin: '6161',
    };
    const reg = await api.http.post('/api/v1/customers').set('Idempotency-Key', newKey('register')).send(body);
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const order = await api.http
      .post('/api/v1/orders/new')
      .set('Authorization', `Bearer ${reg.body.token}`)
      .set('Idempotency-Key', newKey('first-line'))
      .send({ productId: 'mobile-5gb', config: { sim: 'esim' } });
    assert.equal(order.status, 201, JSON.stringify(order.body));
    const stored = await api.runtime.stores.orders.get(order.body.id);
    assert.equal(stored?.customerId, reg.body.customer.id);
    assert.equal(stored?.type, 'new');
  });
});
