import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import { MAX_REVOKED_SESSIONS } from '../../../../src/domain/customers/sessions-api';
import type { Actor } from '../../../../src/domain/shared/actor';

describe('customer sessions', () => {
  let f: CareFixture;
  let dana: Actor;
  beforeEach(async () => {
    f = await makeCare();
    const p = f.people.find((x) => x.key === 'bundle')!;
    dana = await f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel: 'portal' });
  });
  afterEach(() => f.close());

  const id = () => dana.customerId as string;
  const in30 = () => new Date(f.clock.now().getTime() + 30 * 60_000).toISOString();
  const session = (jti: string, sessionVersion = 0) => ({ customerId: id(), jti, sessionVersion });

  it('when nothing happened yet, then version 0 is current and any token under it is live', async () => {
    assert.equal(await f.care.sessions.version(id()), 0);
    assert.equal(await f.care.sessions.isActive(session('jti-a')), true);
    assert.equal(await f.care.sessions.isActive(session('jti-a', 1)), false, 'a version from the future is not current either');
  });

  it('when one session is signed out twice, then it is recorded once and the others stay live', async () => {
    await f.care.sessions.signOut(dana, { jti: 'jti-a', expiresAt: in30() });
    await f.care.sessions.signOut(dana, { jti: 'jti-a', expiresAt: in30() });
    assert.equal((await f.stores.customers.get(id()))?.revokedSessions?.length, 1);
    assert.equal(await f.care.sessions.isActive(session('jti-a')), false);
    assert.equal(await f.care.sessions.isActive(session('jti-b')), true);
  });

  it(`when more than ${MAX_REVOKED_SESSIONS} sessions are signed out within a token's life, then the next one signs out everywhere and the list stays bounded`, async () => {
    for (let n = 0; n < MAX_REVOKED_SESSIONS; n++) await f.care.sessions.signOut(dana, { jti: `jti-${n}`, expiresAt: in30() });
    assert.equal((await f.stores.customers.get(id()))?.revokedSessions?.length, MAX_REVOKED_SESSIONS);
    await f.care.sessions.signOut(dana, { jti: 'one-more', expiresAt: in30() });
    const stored = await f.stores.customers.get(id());
    assert.equal(stored?.sessionVersion, 1);
    assert.equal(stored?.revokedSessions, undefined);
    assert.equal(await f.care.sessions.isActive(session('untouched', 0)), false);
    assert.equal(await f.care.sessions.isActive(session('new', 1)), true);
  });

  it('when the account is locked, then no session is live until the lock ends, and then only ones issued after it', async () => {
    const p = f.people.find((x) => x.key === 'bundle')!;
    for (let n = 0; n < 5; n++) await f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: '0000' }, { channel: 'voice' }).catch(() => undefined);
    assert.equal(await f.care.sessions.version(id()), 1);
    assert.equal(await f.care.sessions.isActive(session('after', 1)), false, 'locked');
    f.clock.advance(31 * 60_000);
    assert.equal(await f.care.sessions.isActive(session('after', 1)), true);
    assert.equal(await f.care.sessions.isActive(session('before', 0)), false);
  });

  it('when an anonymous actor asks to sign out, then it is refused', async () => {
    await assert.rejects(f.care.sessions.signOutEverywhere({ kind: 'customer', channel: 'portal', verification: 'none' }), { code: 'NOT_IDENTIFIED' });
  });
});
