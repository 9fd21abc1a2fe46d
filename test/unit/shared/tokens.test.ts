import assert from 'node:assert/strict';
import { createTokenSigner } from '../../../src/shared/tokens';
import type { Actor } from '../../../src/domain/shared/actor';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const actor: Actor = { kind: 'customer', channel: 'portal', verification: 'verified', customerId: 'cus-1', source: '10.0.0.1' };

function clockAt(iso: string) {
  let t = Date.parse(iso);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('tokens', () => {
  it('when a token is signed and verified, then the actor comes back without its request source', () => {
    const signer = createTokenSigner(SECRET, { clock: clockAt('2026-11-20T15:00:00Z') });
    const { token, expiresAt } = signer.sign(actor, 'portal');
    assert.equal(expiresAt, '2026-11-20T15:30:00.000Z');
    assert.deepEqual(signer.verify(token, 'portal'), { kind: 'customer', channel: 'portal', verification: 'verified', customerId: 'cus-1' });
  });

  it('when the payload is altered, the signature is cut or another secret signed it, then it is refused', () => {
    const signer = createTokenSigner(SECRET);
    const { token } = signer.sign(actor, 'portal');
    const [body, mac] = token.split('.');
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { actor: { customerId: string } };
    payload.actor.customerId = 'cus-2';
    assert.equal(signer.verify(`${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`, 'portal'), null);
    assert.equal(signer.verify(body, 'portal'), null);
    assert.equal(signer.verify(`${body}.${mac.slice(0, -2)}`, 'portal'), null);
    assert.equal(createTokenSigner(`${SECRET}-other`).verify(token, 'portal'), null);
    assert.equal(signer.verify('not a token', 'portal'), null);
  });

  it('when the token is for another audience or has expired, then it is refused', () => {
    const clock = clockAt('2026-11-20T15:00:00Z');
    const signer = createTokenSigner(SECRET, { clock, ttlSeconds: 60 });
    const { token } = signer.sign(actor, 'portal');
    assert.equal(signer.verify(token, 'directline'), null);
    clock.advance(59_000);
    assert.ok(signer.verify(token, 'portal'));
    clock.advance(1_000);
    assert.equal(signer.verify(token, 'portal'), null);
  });

  it('when the secret is short, then the signer refuses to exist', () => {
    assert.throws(() => createTokenSigner('short'), /at least 32/);
  });
});
