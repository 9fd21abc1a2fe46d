/**
 * Customers: registering someone new (the first step of a new service for a person without an
 * account), their profile and their services with the catalog product behind each.
 */
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import type { CustomersApi, NewCustomerInput } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Product } from '../catalog/catalog-schema';
import { toCustomerView, type Customer, type CustomerView } from './customer';
import { fail, isDomainError } from '../shared/errors';
import { customerOf, scopedKey } from '../shared/guards';
import { findProduct } from '../catalog/pricing';
import { toE164 } from './phone';
import { hasUnsafeChars, normaliseText, UNSAFE_TEXT_MESSAGE } from '../shared/text';
import { createSignedUp } from './signed-up';

/** A required free-text field: safe characters only, normalised, then 1..max characters. */
const text = (max: number) =>
  z
    .string()
    .refine((v) => !hasUnsafeChars(v), UNSAFE_TEXT_MESSAGE)
    .transform(normaliseText)
    .pipe(z.string().min(1, 'must not be empty').max(max));
const optionalText = (max: number) =>
  z
    .string()
    .refine((v) => !hasUnsafeChars(v), UNSAFE_TEXT_MESSAGE)
    .transform(normaliseText)
    .pipe(z.string().max(max))
    .optional();

const newCustomerSchema = z.object({
  firstName: text(80),
  lastName: text(80),
  email: z.string().normalize('NFC').trim().toLowerCase().pipe(z.email('email is not a valid address')),
  phone: z.string().transform((raw, ctx) => toE164(raw) ?? (ctx.addIssue({ code: 'custom', message: 'phone is not a valid number' }), z.NEVER)),
  billingAddress: z.object({
    line1: text(120),
    line2: optionalText(120),
    city: text(80),
    region: text(80),
    postalCode: text(16),
    country: text(56),
  }),
  pin: z.string().regex(/^\d{4,8}$/, 'the PIN is 4 to 8 digits'),
  password: z.string().min(8, 'the password needs at least 8 characters').max(200).refine((v) => !hasUnsafeChars(v), UNSAFE_TEXT_MESSAGE).optional(),
  locale: z.enum(['en', 'es']).default('en'),
});

function parseNewCustomer(input: NewCustomerInput): z.infer<typeof newCustomerSchema> {
  const result = newCustomerSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.');
  fail('VALIDATION_FAILED', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid customer details', { field });
}

/** Eight digits, easy to key in on a phone pad. */
const newAccountNumber = (): string => `4${String(randomInt(0, 10_000_000)).padStart(7, '0')}`;

const view = (c: Customer): CustomerView => {
  const { registrationKey: _key, ...rest } = toCustomerView(c);
  return rest;
};

export function createCustomersApi(deps: CareDeps): CustomersApi {
  const { stores, clock, ids, hasher } = deps;

  const identified = (c: Customer, ctx: { channel: Actor['channel']; source?: string }): Actor => ({
    kind: 'customer',
    channel: ctx.channel,
    source: ctx.source,
    verification: 'identified',
    customerId: c.id,
  });

  /**
   * The session of someone who has just registered is verified for the new account: they set its
   * PIN (and password) a moment ago and the account holds nothing yet, so they may order a first
   * service at once, as if they had signed in with the secret they chose.
   */
  const registered = (c: Customer, ctx: { channel: Actor['channel']; source?: string }): Actor => ({ ...identified(c, ctx), verification: 'verified' });

  async function insertCustomer(doc: Omit<Customer, 'version' | 'accountNumber'>): Promise<Customer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await stores.customers.insert({ ...doc, accountNumber: newAccountNumber() });
      } catch (e) {
        const clash = isDomainError(e) && e.code === 'DUPLICATE' ? (e.details.key as string[] | undefined) : undefined;
        if (!clash?.includes('accountNumber') || attempt >= 5) throw e;
      }
    }
  }

  return {
    async register(input, ctx) {
      const registrationKey = scopedKey({ kind: 'customer', channel: ctx.channel, verification: 'none' }, 'register', ctx.idempotencyKey);
      const already = await stores.customers.findOne({ registrationKey });
      if (already) {
        // A repeat proves the same PIN again before it gets the verified session back.
        const same = typeof input.pin === 'string' && (await hasher.verify(input.pin, already.credentials.pinHash));
        return { customer: view(already), actor: same ? registered(already, ctx) : identified(already, ctx) };
      }

      const details = parseNewCustomer(input);
      // A number already on someone's account would let this registration take over their calls (caller-ID identification).
      if (await stores.customers.findOne({ phones: details.phone })) {
        fail('PHONE_ALREADY_REGISTERED', 'this number is already registered; sign in, or call us if it is yours', { field: 'phone' });
      }
      const now = clock.now().toISOString();
      try {
        const customer = await insertCustomer({
          id: ids.next('cus'),
          accountStatus: 'active',
          firstName: details.firstName,
          lastName: details.lastName,
          email: details.email,
          phones: [details.phone],
          billingAddress: details.billingAddress,
          locale: details.locale,
          credentials: {
            pinHash: await hasher.hash(details.pin),
            ...(details.password ? { passwordHash: await hasher.hash(details.password) } : {}),
          },
          lockout: { consecutiveFailures: 0 },
          services: [],
          createdAt: now,
          marketing: [],
          registrationKey,
        });
        return { customer: view(customer), actor: registered(customer, ctx) };
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'DUPLICATE') throw e;
        // A racing repeat of this registration won; anything else is a real clash (the email is taken).
        const winner = await stores.customers.findOne({ registrationKey });
        if (winner) return { customer: view(winner), actor: registered(winner, ctx) };
        fail('DUPLICATE', 'an account with this email already exists', { field: 'email' });
      }
    },

    signedUp: createSignedUp(deps),

    async profile(actor) {
      return view(await customerOf(stores, actor, 'verified'));
    },

    async services(actor) {
      const customer = await customerOf(stores, actor, 'verified');
      const catalog = deps.catalog();
      return customer.services.flatMap((s) => {
        const product: Product | undefined = findProduct(catalog, s.productId);
        return product ? [{ ...s, product }] : [];
      });
    },
  };
}
