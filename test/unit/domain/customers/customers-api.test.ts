import assert from 'node:assert/strict';
import { makeCare, type CareFixture } from '../../../support/care-fixture';
import type { NewCustomerInput } from '../../../../src/domain/care';
import type { Actor } from '../../../../src/domain/shared/actor';

const newcomer = (over: Partial<NewCustomerInput> = {}): NewCustomerInput => ({
  firstName: 'Ada',
  lastName: 'Moreno',
  email: 'Ada.Moreno@Example.com',
  phone: '(217) 555-0288',
  billingAddress: { line1: '12 Birch Street', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
  pin: '2580',
  password: 'a-long-password',
  ...over,
});

const codeOf = async (p: Promise<unknown>): Promise<string> => p.then(() => 'no error', (e: { code?: string }) => e.code ?? String(e));

describe('customers', () => {
  let f: CareFixture;
  beforeEach(async () => {
    f = await makeCare();
  });
  afterEach(() => f.close());

  describe('register', () => {
    it('when a new person registers, then the customer is stored normalised with hashed secrets and an actor verified for the new account comes back', async () => {
      const { customer, actor } = await f.care.customers.register(newcomer(), { channel: 'portal', source: '203.0.113.1', idempotencyKey: 'reg-1' });
      assert.equal(customer.email, 'ada.moreno@example.com');
      assert.deepEqual(customer.phones, ['+12175550288']);
      assert.match(customer.accountNumber, /^\d{8}$/);
      assert.deepEqual(customer.services, []);
      assert.equal('credentials' in customer, false);
      assert.equal('registrationKey' in customer, false);
      assert.deepEqual(actor, { kind: 'customer', channel: 'portal', source: '203.0.113.1', verification: 'verified', customerId: customer.id });
      const stored = (await f.stores.customers.get(customer.id))!;
      assert.notEqual(stored.credentials.pinHash, '2580');
      const verified = await f.care.verification.verifyPin({ accountNumber: customer.accountNumber, pin: '2580' }, { channel: 'voice' });
      assert.equal(verified.customerId, customer.id);
      const byPassword = await f.care.verification.verifyPassword({ email: 'ada.moreno@example.com', password: 'a-long-password' }, { channel: 'portal' });
      assert.equal(byPassword.customerId, customer.id);
    });

    it('when the same registration is repeated with its idempotency key, then the first customer comes back and no second is made', async () => {
      const before = await f.stores.customers.count({});
      const first = await f.care.customers.register(newcomer(), { channel: 'portal', idempotencyKey: 'reg-2' });
      const again = await f.care.customers.register(newcomer(), { channel: 'portal', idempotencyKey: 'reg-2' });
      assert.equal(again.customer.id, first.customer.id);
      assert.equal(again.actor.verification, 'verified');
      assert.equal(await f.stores.customers.count({}), before + 1);
      const otherPin = await f.care.customers.register(newcomer({ pin: '9999' }), { channel: 'portal', idempotencyKey: 'reg-2' });
      assert.equal(otherPin.customer.id, first.customer.id);
      assert.equal(otherPin.actor.verification, 'identified', 'a repeat without the same PIN is not verified');
    });

    it('when the email is already registered under another key, then it is refused as a duplicate', async () => {
      await f.care.customers.register(newcomer(), { channel: 'portal', idempotencyKey: 'reg-3' });
      assert.equal(await codeOf(f.care.customers.register(newcomer({ email: 'ada.moreno@EXAMPLE.com', phone: '(217) 555-0289' }), { channel: 'portal', idempotencyKey: 'reg-4' })), 'DUPLICATE');
    });

    it('when the input is bad, then it is refused naming the field and nothing is stored', async () => {
      const before = await f.stores.customers.count({});
      const cases: [Partial<NewCustomerInput>, string][] = [
        [{ email: 'not-an-email' }, 'email'],
        [{ phone: '555' }, 'phone'],
        [{ pin: '12' }, 'pin'],
        [{ pin: '12ab' }, 'pin'],
        [{ password: 'short' }, 'password'],
        [{ firstName: '  ' }, 'firstName'],
      ];
      for (const [over, field] of cases) {
        await assert.rejects(f.care.customers.register(newcomer(over), { channel: 'portal', idempotencyKey: `bad-${field}` }), (e: { code: string; details: { field: string } }) => {
          assert.equal(e.code, 'VALIDATION_FAILED');
          assert.equal(e.details.field, field);
          return true;
        });
      }
      assert.equal(await f.stores.customers.count({}), before);
    });

    it("when the phone is already another customer's, in whatever format, then it is refused with PHONE_ALREADY_REGISTERED and nothing is stored", async () => {
      const before = await f.stores.customers.count({});
      for (const [n, phone] of ['+12175550142', '(217) 555-0142', '217.555.0142'].entries()) {
        await assert.rejects(f.care.customers.register(newcomer({ email: `other${n}@example.com`, phone }), { channel: 'portal', idempotencyKey: `taken-${n}` }), (e: { code: string; message: string; details: { field: string } }) => {
          assert.equal(e.code, 'PHONE_ALREADY_REGISTERED');
          assert.equal(e.details.field, 'phone');
          assert.match(e.message, /already registered; sign in, or call us/);
          return true;
        });
      }
      assert.equal(await f.stores.customers.count({}), before);
    });

    it('when a name or address holds a NUL, a control character, a direction override or a lone surrogate, then it is refused naming the field', async () => {
      const before = await f.stores.customers.count({});
      const address = newcomer().billingAddress;
      const cases: [Partial<NewCustomerInput>, string][] = [
        [{ firstName: 'Ada\u0000' }, 'firstName'],
        [{ lastName: 'Mor\uD800eno' }, 'lastName'],
        [{ lastName: 'Moreno\uDC00' }, 'lastName'],
        [{ firstName: 'Ada\u0007' }, 'firstName'],
        [{ firstName: 'Ada\u009B' }, 'firstName'],
        [{ lastName: '\u202Eonerom' }, 'lastName'],
        [{ billingAddress: { ...address, city: 'River\nton' } }, 'billingAddress.city'],
        [{ billingAddress: { ...address, line2: 'Apt 4\u0000' } }, 'billingAddress.line2'],
        [{ password: 'a-long-pass\u0000word' }, 'password'],
      ];
      for (const [n, [over, field]] of cases.entries()) {
        await assert.rejects(f.care.customers.register(newcomer(over), { channel: 'portal', idempotencyKey: `unsafe-${n}` }), (e: { code: string; details: { field: string } }) => {
          assert.equal(e.code, 'VALIDATION_FAILED');
          assert.equal(e.details.field, field);
          return true;
        });
      }
      assert.equal(await f.stores.customers.count({}), before);
    });

    it('when names and addresses come with odd spacing or decomposed accents, then they are stored NFC with single spaces; emoji and accents stay', async () => {
      const { customer } = await f.care.customers.register(
        newcomer({
          firstName: '  Zoe\u0301  ',
          lastName: 'García\u00A0\u00A0  López 🌻',
          billingAddress: { line1: ' 12   Birch\u2003Street ', city: 'Riverton', region: 'IL', postalCode: '62701', country: 'US' },
        }),
        { channel: 'portal', idempotencyKey: 'spacing' },
      );
      const stored = (await f.stores.customers.get(customer.id))!;
      assert.equal(stored.firstName, 'Zo\u00E9');
      assert.equal(stored.lastName, 'García López 🌻');
      assert.equal(stored.billingAddress.line1, '12 Birch Street');
    });
  });

  describe('profile and services', () => {
    const dana = () => f.people.find((p) => p.key === 'bundle')!;
    const verified = (): Promise<Actor> => f.care.verification.verifyPin({ accountNumber: dana().accountNumber, pin: dana().pin }, { channel: 'portal' });

    it('when a verified customer asks, then the profile shows no credentials or lockout', async () => {
      const profile = await f.care.customers.profile(await verified());
      assert.equal(profile.firstName, 'Dana');
      assert.equal('credentials' in profile, false);
      assert.equal('lockout' in profile, false);
    });

    it('when a verified customer asks for services, then each comes with its catalog product', async () => {
      const services = await f.care.customers.services(await verified());
      assert.deepEqual(services.map((s) => [s.productId, s.product.name]), [
        ['fiber-500', 'Fiber 500'],
        ['tv-plus', f.care.catalog.product('tv-plus')!.name],
        ['home-phone', 'Brightwave Home Phone'],
      ]);
    });

    it('when the caller is only identified, then profile and services need verification', async () => {
      const identified = (await f.care.verification.identifyByPhone(dana().phone, { channel: 'voice' }))!.actor;
      assert.equal(await codeOf(f.care.customers.profile(identified)), 'NOT_VERIFIED');
      assert.equal(await codeOf(f.care.customers.services(identified)), 'NOT_VERIFIED');
    });
  });

  it('when the catalog is asked for a product, then it answers from the current catalog', () => {
    assert.equal(f.care.catalog.product('fiber-500')?.name, 'Fiber 500');
    assert.equal(f.care.catalog.product('nope'), undefined);
    assert.equal(f.care.catalog.catalog().operator.currency, 'USD');
  });
});
