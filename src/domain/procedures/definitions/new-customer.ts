/**
 * Becoming a customer by phone or chat (tutorial: customer care "seeks to acquire new
 * customers"). Name, email and billing address, a phone the person proves with a one-time code
 * (on voice, the number they call from), then a PIN of their own. The account is created only
 * once the phone is proved (so nobody can claim someone else's number), by the same use case as
 * POST /customers; the codes are sign-in's (one-time-code.ts), kept on the interaction meanwhile.
 */
import { z } from 'zod';
import type { CareDeps } from '../../deps';
import type { Ctx } from '../../care';
import type { Actor } from '../../shared/actor';
import { fail } from '../../shared/errors';
import { maskPhone, toE164 } from '../../customers/phone';
import { choose, done, input, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepContext, type StepDef } from '../procedure-definition';
import { createSignUpCode } from './sign-up-code';

const P = 'new-customer';
const CALLER = 'caller';

/** "dana dot whitfield at example dot com", as speech recognition writes an address, made an address. */
export function spokenEmail(text: string): string {
  const t = text.trim().toLowerCase();
  if (t.includes('@')) return t.replace(/\s+/g, '');
  return t.replace(/\s+at\s+/g, '@').replace(/\s+dot\s+/g, '.').replace(/\s+/g, '');
}

const emailSchema = z.email();
const secretFacts = { secret: true };

export function newCustomer(deps: CareDeps, apis: Pick<ProcedureApis, 'customers'>): ProcedureDefinition {
  const codes = createSignUpCode(deps);
  const ctxOf = (actor: Actor): Ctx => ({ channel: actor.channel, source: actor.source });
  const callerNumber = (actor: Actor): string | null => (actor.channel === 'voice' && actor.source ? toE164(actor.source) : null);

  const text = (field: string, max: number, kind: 'text' | 'digits' = 'text'): StepDef => ({
    field,
    build: async () => input(P, field, kind),
    async accept(_actor, _answers, value) {
      const v = String(value ?? '').trim();
      if (v.length > max) fail('VALIDATION_FAILED', 'that answer is too long', { field });
      return v;
    },
  });

  const email: StepDef = {
    field: 'email',
    build: async () => input(P, 'email', 'text'),
    async accept(_actor, _answers, value) {
      const address = spokenEmail(String(value ?? ''));
      if (!emailSchema.safeParse(address).success) fail('VALIDATION_FAILED', 'that is not an email address', { field: 'email' });
      if (await deps.stores.customers.findOne({ email: address })) fail('DUPLICATE', 'an account with this email already exists; sign in instead', { field: 'email' });
      return address;
    },
  };

  async function unusedPhone(raw: string): Promise<string> {
    const phone = toE164(raw) ?? fail('VALIDATION_FAILED', 'that is not a phone number', { field: 'phone' });
    if (await deps.stores.customers.findOne({ phones: phone })) fail('DUPLICATE', 'this number is already on an account; sign in instead', { field: 'phone' });
    return phone;
  }

  const phone = (actor: Actor): StepDef => {
    const caller = callerNumber(actor);
    const sendTo = async (raw: string, ctx: StepContext) => {
      const number = await unusedPhone(raw);
      await codes.send(actor, ctx.interactionId, number);
      return number;
    };
    if (!caller) return { field: 'phone', build: async () => input(P, 'phone', 'text'), accept: (_a, _answers, value, ctx) => sendTo(String(value ?? ''), ctx) };
    return {
      field: 'phone',
      build: async () => choose(P, 'phone', [{ id: CALLER, label: `the number you're calling from, ending in ${caller.slice(-4)}` }], { facts: { ending: caller.slice(-4) } }),
      accept: (_a, _answers, _value, ctx) => sendTo(caller, ctx),
    };
  };

  /** The code goes to the phone as soon as it is given; the account exists only once it is proved. */
  const code: StepDef = {
    field: 'code',
    secret: true,
    build: async (_actor, answers) => input(P, 'code', 'digits', { facts: { ...secretFacts, sentTo: maskPhone(str(answers, 'phone')) } }),
    async accept(actor, answers, value, ctx) {
      await codes.check(actor, ctx.interactionId, str(answers, 'phone'), String(value ?? ''));
      return true;
    },
  };

  /** Choosing the PIN registers the account (once per run of the procedure). */
  const pin: StepDef = {
    field: 'pin',
    secret: true,
    build: async () => input(P, 'pin', 'digits', { facts: secretFacts }),
    async accept(actor, answers, value, ctx): Promise<string> {
      const chosen = String(value ?? '');
      if (!/^\d{4,8}$/.test(chosen)) fail('VALIDATION_FAILED', 'the PIN is 4 to 8 digits', { field: 'pin' });
      const { customer } = await apis.customers.register(
        {
          firstName: str(answers, 'first-name'),
          lastName: str(answers, 'last-name'),
          email: str(answers, 'email'),
          phone: str(answers, 'phone'),
          billingAddress: {
            line1: str(answers, 'address.line1'),
            city: str(answers, 'address.city'),
            region: str(answers, 'address.region'),
            postalCode: str(answers, 'address.postal-code'),
            // Numbers are read in the North American plan (phone.ts): the operator's country.
            country: 'US',
          },
          pin: chosen,
        },
        { ...ctxOf(actor), idempotencyKey: ctx.idempotencyKey },
      );
      // Kept instead of the PIN: the account it created.
      return customer.id;
    },
    derive: async (_actor, answers) => ({ $customerId: answers.pin }),
  };

  return {
    name: P,
    requires: 'none',
    newcomersOnly: true,
    async steps(actor) {
      if (actor.customerId) fail('VALIDATION_FAILED', 'you are already a customer');
      return [
        text('first-name', 80),
        text('last-name', 80),
        email,
        text('address.line1', 120),
        text('address.city', 80),
        text('address.region', 80),
        text('address.postal-code', 16, 'digits'),
        phone(actor),
        code,
        pin,
      ];
    },
    async finish(_actor, answers: Answers) {
      const customerId = str(answers, '$customerId');
      const customer = (await deps.stores.customers.get(customerId)) ?? fail('UNKNOWN_CUSTOMER', 'the new account is gone');
      return done(P, 'completed', { firstName: customer.firstName, accountNumber: customer.accountNumber }, { customerId });
    },
  };
}
