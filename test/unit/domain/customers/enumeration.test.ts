import assert from 'node:assert/strict';
import { makeCare, testHasher, type CareFixture } from '../../../support/care-fixture';
import type { Ctx } from '../../../../src/domain/care';
import type { SecretHasher } from '../../../../src/domain/shared/ports';

/** What a caller sees of an attempt: the refusal's code and details, or the answer. */
async function seen(p: Promise<unknown>): Promise<unknown> {
  try {
    const value = await p;
    return { ok: value && typeof value === 'object' && 'kind' in value ? 'actor' : value };
  } catch (e) {
    const err = e as { code?: string; details?: Record<string, unknown> };
    return { code: err.code, details: err.details };
  }
}

/** The hasher, counting its slow calls: an unknown account must cost the same hash work as a real one. */
function countingHasher(): SecretHasher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    hash: (s) => (calls.push('hash'), testHasher.hash(s)),
    verify: (s, h) => (calls.push('verify'), testHasher.verify(s, h)),
  };
}

describe('verification gives nothing away about which accounts exist', () => {
  let f: CareFixture;
  let hasher: ReturnType<typeof countingHasher>;
  const chat: Ctx = { channel: 'chat', source: '198.51.100.20' };
  const UNKNOWN = { accountNumber: '99999999', phone: '+13125550100', email: 'nobody@example.com' };

  beforeEach(async () => {
    hasher = countingHasher();
    f = await makeCare({ hasher });
  });
  afterEach(() => f.close());

  const dana = () => f.people.find((p) => p.key === 'bundle')!;

  it('when wrong PINs are given six times, then a real and an unknown account answer alike, down to the lock and its end', async () => {
    const real: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(await seen(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: '0000' }, chat)));
      unknown.push(await seen(f.care.verification.verifyPin({ accountNumber: UNKNOWN.accountNumber, pin: '0000' }, chat)));
    }
    assert.deepEqual(unknown, real);
    assert.deepEqual(real.slice(0, 4).map((r) => (r as { details: { remainingAttempts: number } }).details.remainingAttempts), [4, 3, 2, 1]);
    assert.deepEqual(real[4], { code: 'ACCOUNT_LOCKED', details: { lockedUntil: '2026-11-20T15:30:00.000Z' } });
    assert.equal((await f.stores.customers.findOne({ accountNumber: dana().accountNumber }))!.lockout.consecutiveFailures, 5);
  });

  it('when wrong passwords are given, then a real and an unknown email answer alike', async () => {
    const real: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i++) {
      real.push(await seen(f.care.verification.verifyPassword({ email: dana().email, password: 'not-the-password' }, chat)));
      unknown.push(await seen(f.care.verification.verifyPassword({ email: UNKNOWN.email, password: 'not-the-password' }, chat)));
    }
    assert.deepEqual(unknown, real);
  });

  it('when a code is asked for and then guessed, then a real and an unknown phone answer alike, and only the real one gets a code', async () => {
    const flow = async (phone: string) => {
      const out: unknown[] = [await seen(f.care.verification.verifyOneTimeCode({ phone, code: '000000' }, chat))];
      const sent = await f.care.verification.sendOneTimeCode({ phone }, chat);
      out.push(sent.sentTo === `***-**${phone.slice(-2)}` ? 'echoes the phone asked by' : sent);
      // A six-digit guess the real code can't be (the real one is read back to pick a different one).
      const code = f.backends.notifier.lastCodeFor(dana().phone);
      const wrong = code === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i++) out.push(await seen(f.care.verification.verifyOneTimeCode({ phone, code: wrong }, chat)));
      return out;
    };
    const real = await flow(dana().phone);
    const unknown = await flow(UNKNOWN.phone);
    assert.deepEqual(unknown, real);
    assert.deepEqual(real[0], { code: 'CODE_EXPIRED', details: {} });
    assert.equal(real[1], 'echoes the phone asked by');
    assert.deepEqual(real.slice(2).map((r) => (r as { code: string }).code), ['VERIFICATION_FAILED', 'VERIFICATION_FAILED', 'VERIFICATION_FAILED', 'CODE_EXPIRED']);
    assert.deepEqual(f.backends.notifier.sent.map((s) => s.to), [dana().phone]);
  });

  it('when an unknown account is tried, then the hash work done is the same as for a real one, even for a malformed PIN', async () => {
    await testHasher.hash('warm'); // the decoy hash is made once, on first use
    await seen(f.care.verification.verifyPin({ accountNumber: UNKNOWN.accountNumber, pin: 'x' }, chat));
    hasher.calls.length = 0;
    await seen(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: 'x' }, chat));
    const real = hasher.calls.splice(0);
    await seen(f.care.verification.verifyPin({ accountNumber: UNKNOWN.accountNumber, pin: 'x' }, chat));
    assert.deepEqual(hasher.calls, real);
    assert.deepEqual(real, ['verify']);

    hasher.calls.length = 0;
    await seen(f.care.verification.sendOneTimeCode({ accountNumber: dana().accountNumber }, chat));
    const realSend = hasher.calls.splice(0);
    await seen(f.care.verification.sendOneTimeCode({ accountNumber: UNKNOWN.accountNumber }, chat));
    assert.deepEqual(hasher.calls, realSend);
  });
});

describe('one-time code send limits', () => {
  let f: CareFixture;
  afterEach(() => f.close());
  const dana = () => f.people.find((p) => p.key === 'bundle')!;
  const from = (source: string): Ctx => ({ channel: 'portal', source });

  it('when a fourth code is asked for one customer within the window, from anywhere, then it is refused with when to retry and nothing is sent', async () => {
    f = await makeCare({ codeSends: { perCustomer: 3, perSource: 100, windowMinutes: 15 } });
    for (let i = 0; i < 3; i++) await f.care.verification.sendOneTimeCode({ accountNumber: dana().accountNumber }, from(`203.0.113.${i}`));
    const refused = await seen(f.care.verification.sendOneTimeCode({ email: dana().email }, from('203.0.113.99')));
    const { code, details } = refused as { code: string; details: { limit: string; retryAfterSec: number } };
    assert.equal(code, 'THROTTLED');
    assert.equal(details.limit, 'code-sends');
    assert.ok(details.retryAfterSec > 14 * 60 && details.retryAfterSec <= 15 * 60, `retry after ${details.retryAfterSec}s`);
    assert.equal(f.backends.notifier.sent.length, 3);
  });

  it('when an unknown account is asked for a fourth code, then it is refused the same way', async () => {
    f = await makeCare({ codeSends: { perCustomer: 3, perSource: 100, windowMinutes: 15 } });
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++) answers.push((await seen(f.care.verification.sendOneTimeCode({ accountNumber: '99999999' }, from(`203.0.113.${i}`)))) as object);
    assert.deepEqual(answers.slice(0, 3), [{ ok: {} }, { ok: {} }, { ok: {} }]);
    assert.equal((answers[3] as { code: string }).code, 'THROTTLED');
  });

  it('when one source asks codes for many accounts, then it is stopped at its own budget while another source goes on', async () => {
    f = await makeCare({ codeSends: { perCustomer: 3, perSource: 2, windowMinutes: 15 } });
    const people = f.people.slice(0, 3);
    await f.care.verification.sendOneTimeCode({ accountNumber: people[0].accountNumber }, from('203.0.113.7'));
    await f.care.verification.sendOneTimeCode({ accountNumber: people[1].accountNumber }, from('203.0.113.7'));
    assert.equal(((await seen(f.care.verification.sendOneTimeCode({ accountNumber: people[2].accountNumber }, from('203.0.113.7')))) as { code: string }).code, 'THROTTLED');
    await f.care.verification.sendOneTimeCode({ accountNumber: people[2].accountNumber }, from('203.0.113.8'));
    assert.equal(f.backends.notifier.sent.length, 3);
  });
});
