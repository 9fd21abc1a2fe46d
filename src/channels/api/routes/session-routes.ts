/** Signing in (PIN, password or one-time code) and registering: the routes that hand out tokens. */
import type { Actor } from '../../../domain/shared/actor';
import type { Care, Ctx } from '../../../domain/care';
import type { CustomerView } from '../../../domain/customers/customer';
import { defineRoute, type AnyRoute, type RouteDeps } from '../route-kit';
import { changePinSchema, newCustomerSchema, oneTimeCodeRequestSchema, signInSchema } from '../schemas';

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

interface SessionResponse {
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  verification: Actor['verification'];
  customer: CustomerView;
}

/** The portal session: the actor as the portal sees it, signed into a Bearer token. */
async function session(deps: RouteDeps, actor: Actor, known?: CustomerView, notAfter?: Date): Promise<SessionResponse> {
  const portalActor: Actor = { ...actor, channel: 'portal' };
  const customer = known ?? (await deps.care.customers.profile(portalActor));
  const { token, expiresAt } = await deps.sessions.issue(portalActor, { notAfter });
  return { token, tokenType: 'Bearer', expiresAt, verification: portalActor.verification, customer };
}

/**
 * A session response is kept for replay without its token. A replay gets a token for the same
 * customer and level that expires when the first one does (a replay never extends a session).
 */
const sessionReplay = {
  keep(result: unknown): unknown {
    const { token: _token, ...rest } = result as SessionResponse;
    return rest;
  },
  async restore(kept: unknown, deps: RouteDeps): Promise<SessionResponse> {
    const { verification, customer, expiresAt } = kept as Omit<SessionResponse, 'token'>;
    return session(deps, { kind: 'customer', channel: 'portal', verification, customerId: customer.id }, customer, new Date(expiresAt));
  },
};

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
    problems: [423, 429],
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
    perSource: 'registrations',
    body: newCustomerSchema,
    status: 201,
    problems: [409, 429],
    replay: sessionReplay,
    handle: async ({ body, ctx, idempotencyKey }, deps) => {
      const { actor, customer } = await deps.care.customers.register(body, { ...ctx, idempotencyKey: idempotencyKey as string });
      return session(deps, actor, customer);
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/sessions/current',
    operationId: 'signOut',
    summary: 'Sign out: this session token stops working at once',
    tag: 'sessions',
    auth: 'customer',
    idempotency: 'none',
    status: 204,
    handle: async ({ actor, session }, { care }) => {
      const { jti, expiresAt } = session as NonNullable<typeof session>;
      await care.sessions.signOut(actor, { jti, expiresAt });
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/sessions',
    operationId: 'signOutEverywhere',
    summary: 'Sign out everywhere: every session token issued so far, on every device, stops working',
    tag: 'sessions',
    auth: 'customer',
    idempotency: 'none',
    status: 204,
    handle: ({ actor }, { care }) => care.sessions.signOutEverywhere(actor),
  }),
  defineRoute({
    method: 'post',
    path: '/me/pin',
    operationId: 'changePin',
    summary: 'Change the account PIN (the current one is required); ends every session and returns a new one for this device',
    tag: 'sessions',
    auth: 'customer',
    idempotency: 'none',
    body: changePinSchema,
    status: 200,
    problems: [401, 423, 429],
    handle: async ({ actor, body, ctx }, deps) => {
      await deps.care.sessions.changePin(actor, body, ctx);
      return session(deps, { ...actor, verification: 'verified' });
    },
  }),
];
