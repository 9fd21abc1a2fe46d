import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import type { Throttle } from '../../../../src/domain/shared/ports';
import type { Ctx } from '../../../../src/domain/care';

/** A per-key budget, recording every key spent: enough to see the domain spends before it checks. */
function budgetThrottle(points: number): Throttle & { spent: string[] } {
  const used = new Map<string, number>();
  const spent: string[] = [];
  return {
    spent,
    async consume(key) {
      spent.push(key);
      used.set(key, (used.get(key) ?? 0) + 1);
      return (used.get(key) ?? 0) <= points;
    },
  };
}

const rejectsWith = async (p: Promise<unknown>, code: string): Promise<Record<string, unknown>> => {
  let details: Record<string, unknown> = {};
  await assert.rejects(p, (e: { code?: string; details?: Record<string, unknown> }) => {
    assert.equal(e.code, code);
    details = e.details ?? {};
    return true;
  });
  return details;
};

describe('verification', () => {
  let f: CareFixture;
  let throttle: ReturnType<typeof budgetThrottle>;
  const voice = (source = '+13125550199'): Ctx => ({ channel: 'voice', source });

  beforeEach(async () => {
    throttle = budgetThrottle(1000);
    f = await makeCare({ throttle });
  });
  afterEach(() => f.close());

  const dana = () => f.people.find((p) => p.key === 'bundle')!;
  const lockoutOf = async (accountNumber: string) => (await f.stores.customers.findOne({ accountNumber }))!.lockout;

  describe('PIN', () => {
    it('when the account number and PIN match, then a verified customer actor for this channel and source comes back', async () => {
      const actor = await f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: dana().pin }, voice());
      assert.deepEqual(actor, { kind: 'customer', channel: 'voice', source: '+13125550199', verification: 'verified', customerId: (await f.stores.customers.findOne({ accountNumber: dana().accountNumber }))?.id });
    });

    it('when the phone number is given in a local format, then it is normalised and the PIN verifies', async () => {
      const actor = await f.care.verification.verifyPin({ phone: '(217) 555-0142', pin: dana().pin }, { channel: 'chat' });
      assert.equal(actor.verification, 'verified');
      assert.equal(actor.customerId, (await f.stores.customers.findOne({ accountNumber: dana().accountNumber }))?.id);
    });

    it('when a caller is identified by their number, then the identified customer id plus PIN verifies them', async () => {
      const identified = await f.care.verification.identifyByPhone('+1 217 555 0142', voice());
      assert.ok(identified);
      assert.equal(identified.actor.verification, 'identified');
      assert.equal(identified.firstName, 'Dana');
      assert.equal(identified.locale, 'en');
      const actor = await f.care.verification.verifyPin({ customerId: identified.actor.customerId, pin: dana().pin }, voice());
      assert.equal(actor.verification, 'verified');
    });

    it('when the calling number is unknown, then nobody is identified', async () => {
      assert.equal(await f.care.verification.identifyByPhone('+13125550100', voice()), null);
      assert.equal(await f.care.verification.identifyByPhone('not a number', voice()), null);
    });

    it('when the PIN is wrong, then verification fails with the attempts left, counted on the account', async () => {
      const first = await rejectsWith(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: '0000' }, voice()), 'VERIFICATION_FAILED');
      assert.equal(first.remainingAttempts, 4);
      const second = await rejectsWith(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: '12' }, voice()), 'VERIFICATION_FAILED');
      assert.equal(second.remainingAttempts, 3);
      assert.equal((await lockoutOf(dana().accountNumber)).consecutiveFailures, 2);
    });

    it('when the account is unknown, then the refusal is the same as for a wrong PIN and the source budget is still spent', async () => {
      await rejectsWith(f.care.verification.verifyPin({ accountNumber: '99999999', pin: '1234' }, voice('+13125550111')), 'VERIFICATION_FAILED');
      await rejectsWith(f.care.verification.verifyPin({ phone: '+13125550100', pin: '1234' }, voice('+13125550111')), 'VERIFICATION_FAILED');
      assert.deepEqual(throttle.spent, ['verify:+13125550111', 'verify:+13125550111']);
    });

    it('when no identifier or two are given, then the input is refused as invalid', async () => {
      await rejectsWith(f.care.verification.verifyPin({ pin: '1234' }, voice()), 'VALIDATION_FAILED');
      await rejectsWith(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, phone: '+12175550142', pin: dana().pin }, voice()), 'VALIDATION_FAILED');
    });

    it('when a right PIN follows wrong ones, then the failure count starts again', async () => {
      for (let i = 0; i < 3; i++) await rejectsWith(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: '0000' }, voice()), 'VERIFICATION_FAILED');
      await f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: dana().pin }, voice());
      assert.equal((await lockoutOf(dana().accountNumber)).consecutiveFailures, 0);
      const next = await rejectsWith(f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: '0000' }, voice()), 'VERIFICATION_FAILED');
      assert.equal(next.remainingAttempts, 4);
    });
  });

  describe('lockout', () => {
    it('when wrong PINs come from five different sources, then the account locks, even the right PIN is refused, until the lock ends', async () => {
      const { accountNumber, pin } = dana();
      for (let i = 0; i < 4; i++) {
        await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin: '0000' }, voice(`+1312555010${i}`)), 'VERIFICATION_FAILED');
      }
      const locked = await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin: '0000' }, { channel: 'portal', source: '203.0.113.9' }), 'ACCOUNT_LOCKED');
      assert.equal(locked.lockedUntil, '2026-11-20T15:30:00.000Z');
      const withRightPin = await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin }, { channel: 'chat', source: '198.51.100.7' }), 'ACCOUNT_LOCKED');
      assert.equal(withRightPin.lockedUntil, '2026-11-20T15:30:00.000Z');
      await rejectsWith(f.care.verification.verifyPassword({ email: dana().email, password: dana().password }, { channel: 'portal' }), 'ACCOUNT_LOCKED');

      f.clock.set('2026-11-20T15:30:01.000Z');
      const actor = await f.care.verification.verifyPin({ accountNumber, pin }, voice());
      assert.equal(actor.verification, 'verified');
      assert.deepEqual(await lockoutOf(accountNumber), { consecutiveFailures: 0 });
    });

    it('when a lock has run out, then the next failure counts from one again', async () => {
      const { accountNumber } = dana();
      for (let i = 0; i < 5; i++) await f.care.verification.verifyPin({ accountNumber, pin: '0000' }, voice()).catch(() => undefined);
      f.clock.set('2026-11-20T16:00:00.000Z');
      const details = await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin: '0000' }, voice()), 'VERIFICATION_FAILED');
      assert.equal(details.remainingAttempts, 4);
    });
  });

  describe('throttle', () => {
    it('when a source is over its budget, then it is throttled even with the right PIN, while other sources go on', async () => {
      throttle = budgetThrottle(2);
      await f.close();
      f = await makeCare({ throttle });
      const { accountNumber, pin } = dana();
      await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin: '0000' }, voice('+13125550123')), 'VERIFICATION_FAILED');
      await rejectsWith(f.care.verification.verifyPin({ accountNumber: '99999999', pin: '0000' }, voice('+13125550123')), 'VERIFICATION_FAILED');
      await rejectsWith(f.care.verification.verifyPin({ accountNumber, pin }, voice('+13125550123')), 'THROTTLED');
      // The throttled attempt did not count against the account.
      assert.equal((await lockoutOf(accountNumber)).consecutiveFailures, 1);
      assert.equal((await f.care.verification.verifyPin({ accountNumber, pin }, voice('+13125550124'))).verification, 'verified');
    });
  });

  describe('password', () => {
    it('when the email (in any case) and password match, then the customer is verified', async () => {
      const actor = await f.care.verification.verifyPassword({ email: dana().email.toUpperCase(), password: dana().password }, { channel: 'portal', source: '203.0.113.5' });
      assert.equal(actor.verification, 'verified');
      assert.equal(actor.channel, 'portal');
    });

    it('when the password is wrong or the email unknown, then verification fails', async () => {
      await rejectsWith(f.care.verification.verifyPassword({ email: dana().email, password: 'wrong-password' }, { channel: 'portal' }), 'VERIFICATION_FAILED');
      await rejectsWith(f.care.verification.verifyPassword({ email: 'nobody@example.com', password: 'whatever-it-is' }, { channel: 'portal' }), 'VERIFICATION_FAILED');
      assert.equal((await lockoutOf(dana().accountNumber)).consecutiveFailures, 1);
    });
  });

  describe('one-time code', () => {
    const lastCode = (to: string): string => f.backends.notifier.lastCodeFor(to) as string;

    it('when a code is sent by account number, then it goes to the contact number, unnamed in the answer, and verifies once', async () => {
      const answer = await f.care.verification.sendOneTimeCode({ accountNumber: dana().accountNumber }, { channel: 'chat' });
      assert.deepEqual(answer, {});
      const code = lastCode(dana().phone);
      assert.match(code, /^\d{6}$/);
      const stored = (await f.stores.customers.findOne({ accountNumber: dana().accountNumber }))!.oneTimeCode!;
      assert.notEqual(stored.hash, code);
      const actor = await f.care.verification.verifyOneTimeCode({ accountNumber: dana().accountNumber, code }, { channel: 'chat' });
      assert.equal(actor.verification, 'verified');
      await rejectsWith(f.care.verification.verifyOneTimeCode({ accountNumber: dana().accountNumber, code }, { channel: 'chat' }), 'CODE_EXPIRED');
    });

    it('when asked by email, then the code goes to the email on file, masked', async () => {
      const { sentTo } = await f.care.verification.sendOneTimeCode({ email: dana().email }, { channel: 'portal' });
      assert.equal(sentTo, 'd***@example.com');
      assert.match(lastCode(dana().email), /^\d{6}$/);
    });

    it('when the code is wrong three times, then it is spent and a new one is needed', async () => {
      await f.care.verification.sendOneTimeCode({ phone: dana().phone }, { channel: 'chat' });
      const code = lastCode(dana().phone);
      const wrong = code === '000000' ? '111111' : '000000';
      const left = [];
      for (let i = 0; i < 3; i++) {
        left.push((await rejectsWith(f.care.verification.verifyOneTimeCode({ phone: dana().phone, code: wrong }, { channel: 'chat' }), 'VERIFICATION_FAILED')).remainingAttempts);
      }
      assert.deepEqual(left, [2, 1, 0]);
      await rejectsWith(f.care.verification.verifyOneTimeCode({ phone: dana().phone, code }, { channel: 'chat' }), 'CODE_EXPIRED');
    });

    it('when the code is older than the policy allows, then it has expired', async () => {
      await f.care.verification.sendOneTimeCode({ accountNumber: dana().accountNumber }, { channel: 'chat' });
      f.clock.set('2026-11-20T15:10:00.000Z');
      await rejectsWith(f.care.verification.verifyOneTimeCode({ accountNumber: dana().accountNumber, code: lastCode(dana().phone) }, { channel: 'chat' }), 'CODE_EXPIRED');
    });

    it('when the account is unknown, then no code is sent but the answer is the same as for a real account', async () => {
      assert.deepEqual(await f.care.verification.sendOneTimeCode({ accountNumber: '99999999' }, { channel: 'chat' }), {});
      assert.deepEqual(await f.care.verification.sendOneTimeCode({ phone: '+1 312 555 0100' }, { channel: 'chat' }), { sentTo: '***-**00' });
      assert.equal(f.backends.notifier.sent.length, 0);
    });
  });

  it('when a CSR acts for a customer, then the actor is a verified CSR with their role', () => {
    assert.deepEqual(f.care.verification.csrActor({ csrId: 'csr-7', role: 'senior', customerId: 'cus-1' }), {
      kind: 'csr',
      channel: 'csr',
      verification: 'verified',
      csrId: 'csr-7',
      csrRole: 'senior',
      customerId: 'cus-1',
    });
  });
});
