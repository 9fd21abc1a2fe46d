import assert from 'node:assert/strict';
import { demoPerson } from '../../../src/demo/demo-people';
import type { Customer } from '../../../src/domain/customers/customer';
import { problemOf, startApi, type Api } from './api-harness';

describe('api: signing out and revoked sessions', () => {
  let api: Api;
  beforeEach(async () => {
    api = await startApi({ overrides: { policy: { lockoutThreshold: 3, lockoutMinutes: 2 } } });
  });
  afterEach(async () => {
    await api.close();
  });

  const dana = demoPerson('bundle');

  async function signIn(pin = dana.pin): Promise<string> {
    const res = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return `Bearer ${res.body.token as string}`;
  }
  const me = (auth: string) => api.http.get('/api/v1/me').set('Authorization', auth);
  const record = async (): Promise<Customer> => {
    const c = await api.runtime.stores.customers.findOne({ accountNumber: dana.accountNumber });
    assert.ok(c);
    return c;
  };

  it('when a customer signs out, then that token is refused at once and their other sessions go on', async () => {
    const phone = await signIn();
    const laptop = await signIn();
    assert.equal((await me(phone)).status, 200);

    const out = await api.http.delete('/api/v1/sessions/current').set('Authorization', phone);
    assert.equal(out.status, 204);

    const refused = await me(phone);
    assert.equal(refused.status, 401);
    assert.equal(problemOf(refused).code, 'UNAUTHENTICATED');
    assert.equal((await api.http.delete('/api/v1/sessions/current').set('Authorization', phone)).status, 401);
    assert.equal((await me(laptop)).status, 200);
    const stored = await record();
    assert.equal(stored.revokedSessions?.length, 1);
    assert.equal(stored.sessionVersion ?? 0, 0);
  });

  it('when a signed-out token would have expired anyway, then it is no longer kept on the record', async () => {
    const first = await signIn();
    await api.http.delete('/api/v1/sessions/current').set('Authorization', first).expect(204);
    api.clock.advance(31 * 60_000);
    const second = await signIn();
    await api.http.delete('/api/v1/sessions/current').set('Authorization', second).expect(204);
    assert.equal((await record()).revokedSessions?.length, 1);
  });

  it('when a customer signs out everywhere, then every token issued so far is refused and a new sign-in works', async () => {
    const phone = await signIn();
    const laptop = await signIn();
    assert.equal((await api.http.delete('/api/v1/sessions').set('Authorization', laptop)).status, 204);
    assert.equal((await me(phone)).status, 401);
    assert.equal((await me(laptop)).status, 401);
    assert.equal((await record()).sessionVersion, 1);
    assert.equal((await me(await signIn())).status, 200);
  });

  it('when the account is locked, then a token issued before the lock stops working, also after the lock ends', async () => {
    const before = await signIn();
    assert.equal((await me(before)).status, 200);
    for (let i = 0; i < 3; i++) await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: '0000' });
    assert.ok((await record()).lockout.lockedUntil, 'the account is locked');

    assert.equal((await me(before)).status, 401);
    api.clock.advance(3 * 60_000); // the lock (2 min) is over; the token (30 min) is not
    assert.equal((await me(before)).status, 401);
    assert.equal((await record()).sessionVersion, 1);
    assert.equal((await me(await signIn())).status, 200);
  });

  it('when failures do not reach the lock, then sessions go on', async () => {
    const token = await signIn();
    await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: '0000' });
    assert.equal((await me(token)).status, 200);
    assert.equal((await record()).sessionVersion ?? 0, 0);
  });

  it('when the PIN is changed, then every earlier token is refused, the answer is a new session and only the new PIN signs in', async () => {
    const other = await signIn();
    const here = await signIn();
    const changed = await api.http.post('/api/v1/me/pin').set('Authorization', here).send({ currentPin: dana.pin, newPin: '606060' });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.verification, 'verified');
    assert.equal((await me(here)).status, 401);
    assert.equal((await me(other)).status, 401);
    assert.equal((await me(`Bearer ${changed.body.token as string}`)).status, 200);

    const old = await api.http.post('/api/v1/sessions').send({ accountNumber: dana.accountNumber, pin: dana.pin });
    assert.equal(old.status, 401);
    assert.equal((await me(await signIn('606060'))).status, 200);
  });

  it('when the current PIN given to change it is wrong, then nothing changes and the failure counts towards the lock', async () => {
    const here = await signIn();
    const res = await api.http.post('/api/v1/me/pin').set('Authorization', here).send({ currentPin: '0000', newPin: '606060' });
    assert.equal(res.status, 401);
    assert.equal(problemOf(res).code, 'VERIFICATION_FAILED');
    assert.equal((await me(here)).status, 200);
    const stored = await record();
    assert.equal(stored.lockout.consecutiveFailures, 1);
    assert.equal(stored.sessionVersion ?? 0, 0);
    assert.equal((await me(await signIn())).status, 200, 'the old PIN still works');
  });

  it('when a new PIN is not 4 to 8 digits, then 400 and nothing changes', async () => {
    const here = await signIn();
    const res = await api.http.post('/api/v1/me/pin').set('Authorization', here).send({ currentPin: dana.pin, newPin: '12a4' });
    assert.equal(res.status, 400);
    assert.equal(problemOf(res).code, 'VALIDATION_FAILED');
    assert.equal((await me(here)).status, 200);
  });
});
