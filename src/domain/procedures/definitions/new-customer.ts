/**
 * Becoming a customer by phone or chat (tutorial: customer care "seeks to acquire new
 * customers"). Name, email and billing address, a phone the person proves with a one-time code
 * (on voice, the number they call from), and a PIN of their own. The account is registered with
 * the same use case as POST /customers and verified with the same one-time codes as sign-in.
 */
import { z } from 'zod';
import type { CareDeps } from '../../deps';
import type { Ctx } from '../../care';
import type { Actor } from '../../shared/actor';
import { fail, isDomainError } from '../../shared/errors';
import { toE164 } from '../../customers/phone';
import { choose, done, input, str, type Answers, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../procedure-definition';

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

interface Registered {
  customerId: string;
  sentTo: string;
}

export function newCustomer(deps: Pick<CareDeps, 'stores' | 'catalog'>, apis: Pick<ProcedureApis, 'customers' | 'verification'>): ProcedureDefinition {
  const verification = () => apis.verification ?? fail('VALIDATION_FAILED', 'sign-up is not available here');
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
    if (!caller) return { field: 'phone', build: async () => input(P, 'phone', 'text'), accept: async (_a, _answers, value) => unusedPhone(String(value ?? '')) };
    return {
      field: 'phone',
      build: async () => choose(P, 'phone', [{ id: CALLER, label: `the number you're calling from, ending in ${caller.slice(-4)}` }], { facts: { ending: caller.slice(-4) } }),
      accept: async () => unusedPhone(caller),
    };
  };

  /** Choosing the PIN registers the account (once per run of the procedure) and texts the code. */
  const pin: StepDef = {
    field: 'pin',
    secret: true,
    build: async () => input(P, 'pin', 'digits', { facts: secretFacts }),
    async accept(actor, answers, value, ctx): Promise<Registered> {
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
            country: 'US',
          },
          pin: chosen,
        },
        { ...ctxOf(actor), idempotencyKey: ctx.idempotencyKey },
      );
      const { sentTo } = await verification().sendOneTimeCode({ phone: str(answers, 'phone') }, ctxOf(actor));
      return { customerId: customer.id, sentTo };
    },
    derive: async (_actor, answers) => {
      const r = answers.pin as Registered;
      return { $customerId: r.customerId, $sentTo: r.sentTo };
    },
  };

  const code: StepDef = {
    field: 'code',
    secret: true,
    build: async (_actor, answers) => input(P, 'code', 'digits', { facts: { ...secretFacts, sentTo: str(answers, '$sentTo') } }),
    async accept(actor, answers, value) {
      const who = { phone: str(answers, 'phone') };
      try {
        await verification().verifyOneTimeCode({ ...who, code: String(value ?? '') }, ctxOf(actor));
      } catch (e) {
        if (!(isDomainError(e) && e.code === 'CODE_EXPIRED')) throw e;
        const { sentTo } = await verification().sendOneTimeCode(who, ctxOf(actor));
        fail('CODE_EXPIRED', 'that code had expired; a new one was sent', { sentTo });
      }
      return true;
    },
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
        pin,
        code,
      ];
    },
    async finish(_actor, answers: Answers) {
      const customerId = str(answers, '$customerId');
      const customer = (await deps.stores.customers.get(customerId)) ?? fail('UNKNOWN_CUSTOMER', 'the new account is gone');
      return done(P, 'completed', { firstName: customer.firstName, accountNumber: customer.accountNumber }, { customerId });
    },
  };
}
