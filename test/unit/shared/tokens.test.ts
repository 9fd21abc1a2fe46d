import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { createTokenSigner } from '../../../src/shared/tokens';
import type { Actor } from '../../../src/domain/shared/actor';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const actor: Actor = { kind: 'customer', channel: 'portal', verification: 'verified', customerId: 'cus-1', source: '10.0.0.1' };

function clockAt(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** A JWT signed by hand with the right secret, to prove the verifier checks claims and not only the signature. */
function handMade(header: Record<string, unknown>, payload: Record<string, unknown>, secret = SECRET): string {
  const body = `${b64(header)}.${b64(payload)}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('tokens', () => {
  it('when a token is signed and verified, then the actor comes back without its request source', async () => {
    const signer = createTokenSigner(SECRET, { clock: clockAt('2026-11-20T15:00:00Z') });
    const { token, expiresAt, jti } = await signer.sign(actor, 'portal');
    assert.equal(expiresAt, '2026-11-20T15:30:00.000Z');
    assert.deepEqual(await signer.verify(token, 'portal'), { kind: 'customer', channel: 'portal', verification: 'verified', customerId: 'cus-1' });
    const verified = await signer.verifyToken(token, 'portal');
    assert.equal(verified?.jti, jti);
    assert.equal(verified?.issuedAt, '2026-11-20T15:00:00.000Z');
    assert.equal(verified?.expiresAt, expiresAt);
    assert.equal(verified?.sessionVersion, undefined);
  });

  it('when a token is signed, then it is a standard HS256 JWT with iss, aud, iat, exp and a unique jti', async () => {
    const signer = createTokenSigner(SECRET, { clock: clockAt('2026-11-20T15:00:00Z') });
    const a = await signer.sign(actor, 'portal', { sessionVersion: 3 });
    const b = await signer.sign(actor, 'portal');
    assert.deepEqual(decodeProtectedHeader(a.token), { alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(a.token);
    assert.equal(claims.iss, 'telecare');
    assert.equal(claims.aud, 'portal');
    assert.equal(claims.iat, Date.parse('2026-11-20T15:00:00Z') / 1000);
    assert.equal(claims.exp, Date.parse('2026-11-20T15:30:00Z') / 1000);
    assert.equal(claims.jti, a.jti);
    assert.equal(claims.sv, 3);
    assert.notEqual(a.jti, b.jti);
    assert.equal((await signer.verifyToken(a.token, 'portal'))?.sessionVersion, 3);
    assert.ok(!JSON.stringify(claims).includes('10.0.0.1'), 'the request source is not in the token');
  });

  it('when notAfter is earlier than the usual expiry, then the token expires then', async () => {
    const clock = clockAt('2026-11-20T15:00:00Z');
    const signer = createTokenSigner(SECRET, { clock });
    const { token, expiresAt } = await signer.sign(actor, 'chat', { notAfter: new Date('2026-11-20T15:05:00Z') });
    assert.equal(expiresAt, '2026-11-20T15:05:00.000Z');
    clock.advance(5 * 60_000);
    assert.equal(await signer.verify(token, 'chat'), null);
  });

  it('when the payload is altered, the signature is cut or another secret signed it, then it is refused', async () => {
    const signer = createTokenSigner(SECRET);
    const { token } = await signer.sign(actor, 'portal');
    const [header, body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { act: { customerId: string } };
    payload.act.customerId = 'cus-2';
    assert.equal(await signer.verify(`${header}.${b64(payload)}.${mac}`, 'portal'), null);
    assert.equal(await signer.verify(`${header}.${body}`, 'portal'), null);
    assert.equal(await signer.verify(`${header}.${body}.${mac.slice(0, -2)}`, 'portal'), null);
    assert.equal(await createTokenSigner(`${SECRET}-other`).verify(token, 'portal'), null);
    assert.equal(await signer.verify('not a token', 'portal'), null);
    assert.equal(await signer.verify(`${token}${'x'.repeat(5000)}`, 'portal'), null);
  });

  it('when a token has alg none, no jti or no issuer, then it is refused even with a valid signature', async () => {
    const signer = createTokenSigner(SECRET, { clock: clockAt('2026-11-20T15:00:00Z') });
    const iat = Date.parse('2026-11-20T15:00:00Z') / 1000;
    const good = { iss: 'telecare', aud: 'portal', iat, exp: iat + 60, jti: 'abcdefghijklmnopqrstuv', act: { kind: 'customer', channel: 'portal', verification: 'verified', customerId: 'cus-1' } };
    assert.ok(await signer.verify(handMade({ alg: 'HS256', typ: 'JWT' }, good), 'portal'), 'the hand-made token itself is accepted');
    assert.equal(await signer.verify(`${b64({ alg: 'none' })}.${b64(good)}.`, 'portal'), null);
    const { jti: _jti, ...noJti } = good;
    assert.equal(await signer.verify(handMade({ alg: 'HS256' }, noJti), 'portal'), null);
    const { iss: _iss, ...noIss } = good;
    assert.equal(await signer.verify(handMade({ alg: 'HS256' }, noIss), 'portal'), null);
    assert.equal(await signer.verify(handMade({ alg: 'HS256' }, { ...good, act: { ...good.act, kind: 'admin' } }), 'portal'), null);
  });

  it('when the token is for another audience or has expired, then it is refused', async () => {
    const clock = clockAt('2026-11-20T15:00:00Z');
    const signer = createTokenSigner(SECRET, { clock, ttlSeconds: 60 });
    const { token } = await signer.sign(actor, 'portal');
    assert.equal(await signer.verify(token, 'staff'), null);
    clock.advance(59_000);
    assert.ok(await signer.verify(token, 'portal'));
    clock.advance(1_000);
    assert.equal(await signer.verify(token, 'portal'), null);
  });

  it('when the secret is short, then the signer refuses to exist', () => {
    assert.throws(() => createTokenSigner('short'), /at least 32/);
  });
});
