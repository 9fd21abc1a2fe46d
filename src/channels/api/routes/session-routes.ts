/** Signing in (PIN, password or one-time code) and registering: the routes that hand out tokens. */
import type { Actor } from '../../../domain/shared/actor';
import type { Care, Ctx } from '../../../domain/care';
import type { CustomerView } from '../../../domain/customers/customer';
import { API_AUDIENCE, defineRoute, type AnyRoute, type ApiDeps } from '../route-kit';
import { newCustomerSchema, oneTimeCodeRequestSchema, signInSchema } from '../schemas';

type SignIn = {
  accountNumber?: string;
  phone?: string;
  email?: string;
  pin?: string;
  password?: string;
  code?: string;
};

function verify(care: Care, input: SignIn, ctx: Ctx): Promise<Actor> {
  const { accountNumber, phone, email } = input;
  if (input.pin !== undefined) return care.verification.verifyPin({ accountNumber, phone, pin: input.pin }, ctx);
  if (input.password !== undefined) return care.verification.verifyPassword({ email: email as string, password: input.password }, ctx);
  return care.verification.verifyOneTimeCode({ accountNumber, phone, email, code: input.code as string }, ctx);
}

/** The portal session: the actor as the portal sees it, signed into a Bearer token. */
async function session(deps: ApiDeps, actor: Actor, known?: CustomerView) {
  const portalActor: Actor = { ...actor, channel: 'portal' };
  const customer = known ?? (await deps.care.customers.profile(portalActor));
  const { token, expiresAt } = deps.tokens.sign(portalActor, API_AUDIENCE);
  return { token, tokenType: 'Bearer', expiresAt, verification: portalActor.verification, customer };
}

export const sessionRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/sessions',
    operationId: 'signIn',
    summary: 'Sign in with account number or phone + PIN, email + password, or a one-time code',
    tag: 'sessions',
    auth: 'none',
    idempotency: 'none',
    body: signInSchema,
    status: 201,
    problems: [401, 404, 423, 429],
    handle: async ({ body, ctx }, deps) => session(deps, await verify(deps.care, body, ctx)),
  }),
  defineRoute({
    method: 'post',
    path: '/sessions/one-time-code',
    operationId: 'sendOneTimeCode',
    summary: 'Send a one-time sign-in code to the phone or email on file',
    tag: 'sessions',
    auth: 'none',
    idempotency: 'none',
    body: oneTimeCodeRequestSchema,
    status: 202,
    problems: [404, 423, 429],
    handle: ({ body, ctx }, { care }) => care.verification.sendOneTimeCode(body, ctx),
  }),
  defineRoute({
    method: 'post',
    path: '/customers',
    operationId: 'registerCustomer',
    summary: 'Register a new customer; returns a session verified for the new account (its PIN was just set), which may order a first service at once',
    tag: 'sessions',
    auth: 'none',
    idempotency: 'required',
    body: newCustomerSchema,
    status: 201,
    problems: [409, 429],
    handle: async ({ body, ctx, idempotencyKey }, deps) => {
      const { actor, customer } = await deps.care.customers.register(body, { ...ctx, idempotencyKey: idempotencyKey as string });
      return session(deps, actor, customer);
    },
  }),
];
