/**
 * Signing in (account number or phone + PIN, email + password, or a one-time code), registering
 * as a new customer, signing out. The same domain calls as the API's sessions: its throttles,
 * lockouts and one-time code send limits apply alike, and registration spends the same
 * per-source budget and is idempotent (the form carries its key: a double submit is one customer).
 */
import { randomBytes } from 'node:crypto';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Care, Ctx } from '../../domain/care';
import type { Actor } from '../../domain/shared/actor';
import type { Clock, RateLimit } from '../../domain/shared/ports';
import { isDomainError } from '../../domain/shared/errors';
import type { CookieSession } from '../../shared/pages';
import type { PortalSessions } from '../../shared/portal-sessions';
import type { PortalPages } from './portal-pages';
import { localeOf } from './portal-pages';
import { customerOf, startSession } from './portal-session';
import { run } from './route-kit';

export interface SignInDeps {
  care: Care;
  sessions: PortalSessions;
  clock: Clock;
  cookie: CookieSession;
  pages: PortalPages;
  registrations?: RateLimit;
}

const MODES = ['pin', 'password', 'code'] as const;
type Mode = (typeof MODES)[number];

const accountNumber = /^\d{8}$/;
const phone = z.string().regex(/^\+?[0-9][0-9 ().-]{5,22}$/);
const email = z.email().max(254);
const text = (max: number) => z.string().trim().max(max).default('');

const signInForm = z.object({ mode: z.enum(MODES).default('pin'), id: text(254), pin: text(12), email: text(254), password: z.string().max(200).default(''), code: text(10) });
const personText = (min: number, max: number) => z.string().trim().min(min).max(max).regex(/^[^<>\p{Cc}]*$/u);
const registerForm = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  firstName: personText(1, 100),
  lastName: personText(1, 100),
  email,
  phone,
  line1: personText(1, 200),
  line2: personText(0, 200),
  city: personText(1, 100),
  region: personText(1, 100),
  postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/),
  pin: z.string().regex(/^\d{4,12}$/),
  password: z.union([z.literal(''), personText(8, 200)]),
});
type RegisterField = Exclude<keyof z.infer<typeof registerForm>, 'key'>;
const REGISTER_FIELDS: RegisterField[] = ['firstName', 'lastName', 'email', 'phone', 'line1', 'line2', 'city', 'region', 'postalCode', 'pin', 'password'];

/** Account number, phone or email as the domain's identifier. */
function identifier(id: string, allowEmail: boolean): { accountNumber?: string; phone?: string; email?: string } | null {
  if (accountNumber.test(id)) return { accountNumber: id };
  if (phone.safeParse(id).success) return { phone: id };
  if (allowEmail && email.safeParse(id).success) return { email: id.toLowerCase() };
  return null;
}

const REFUSALS = ['VERIFICATION_FAILED', 'UNKNOWN_CUSTOMER', 'ACCOUNT_LOCKED', 'THROTTLED', 'CODE_EXPIRED', 'VALIDATION_FAILED', 'PHONE_ALREADY_REGISTERED', 'DUPLICATE'];
const STATUS: Record<string, number> = { VERIFICATION_FAILED: 401, UNKNOWN_CUSTOMER: 401, CODE_EXPIRED: 401, ACCOUNT_LOCKED: 423, THROTTLED: 429, VALIDATION_FAILED: 400, PHONE_ALREADY_REGISTERED: 409, DUPLICATE: 409 };
const refusalOf = (e: unknown): string | undefined => (isDomainError(e) && REFUSALS.includes(e.code) ? e.code : undefined);

export function addSignInRoutes(router: Router, deps: SignInDeps): void {
  const { care, pages } = deps;
  const ctx = (req: Request): Ctx => ({ channel: 'portal', source: req.ip });

  const signInPage = (req: Request, res: Response, mode: Mode | 'code-sent', data: Record<string, unknown> = {}, status = 200) => {
    const t = pages.words(req).t;
    pages.render(req, res, 'sign-in', { title: data.error ? `${t('signIn.failed')}: ${t('signIn.title')}` : t('signIn.title'), mode, modes: MODES, form: {}, ...data }, status);
  };
  const refused = (req: Request, res: Response, mode: Mode | 'code-sent', code: string, form: Record<string, string>) =>
    signInPage(req, res, mode, { error: pages.words(req).t(`refusal.${code}`), form }, STATUS[code] ?? 400);

  router.get('/sign-in', (req, res) => {
    if (customerOf(req)) return res.redirect(303, '/');
    const mode = MODES.find((m) => m === req.query.with) ?? 'pin';
    signInPage(req, res, mode);
  });

  router.post('/sign-in', run(async (req, res) => {
    const parsed = signInForm.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : { mode: 'pin' as const, id: '', pin: '', email: '', password: '', code: '' };
    const kept = { id: form.id, email: form.email };
    const mode: Mode | 'code-sent' = form.mode === 'code' && form.code ? 'code-sent' : form.mode;
    let actor: Actor;
    try {
      if (!parsed.success) return refused(req, res, mode, 'VALIDATION_FAILED', kept);
      if (form.mode === 'password') {
        if (!email.safeParse(form.email).success || !form.password) return refused(req, res, mode, 'VALIDATION_FAILED', kept);
        actor = await care.verification.verifyPassword({ email: form.email, password: form.password }, ctx(req));
      } else {
        const who = identifier(form.id, form.mode === 'code');
        if (form.mode === 'pin') {
          if (!who || !/^\d{4,12}$/.test(form.pin)) return refused(req, res, mode, 'VALIDATION_FAILED', kept);
          actor = await care.verification.verifyPin({ ...who, pin: form.pin }, ctx(req));
        } else if (!form.code) {
          // Step one of a code sign-in: send it, then ask for it (the answer is the same whether or not the identifier names an account).
          if (!who) return refused(req, res, 'code', 'VALIDATION_FAILED', kept);
          const sent = await care.verification.sendOneTimeCode(who, ctx(req));
          return signInPage(req, res, 'code-sent', { sentTo: sent.sentTo, form: kept });
        } else {
          if (!who || !/^\d{4,10}$/.test(form.code)) return refused(req, res, mode, 'VALIDATION_FAILED', kept);
          actor = await care.verification.verifyOneTimeCode({ ...who, code: form.code }, ctx(req));
        }
      }
    } catch (e) {
      const code = refusalOf(e);
      if (!code) throw e;
      return refused(req, res, mode, code, kept);
    }
    await startSession(res, deps.cookie, deps.sessions, deps.clock, actor);
    res.redirect(303, '/');
  }));

  const registerPage = (req: Request, res: Response, data: Record<string, unknown>, status = 200) => {
    const t = pages.words(req).t;
    pages.render(req, res, 'register', { title: data.error ? `${t('register.failed')}: ${t('register.title')}` : t('register.title'), fields: REGISTER_FIELDS, form: {}, invalid: [], ...data }, status);
  };

  router.get('/register', (req, res) => {
    if (customerOf(req)) return res.redirect(303, '/procedures/new-service');
    registerPage(req, res, { key: randomBytes(16).toString('base64url') });
  });

  router.post('/register', run(async (req, res) => {
    const t = pages.words(req).t;
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const form = Object.fromEntries(REGISTER_FIELDS.filter((f) => f !== 'pin' && f !== 'password').map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string).slice(0, 254) : ''])) as Record<string, string>;
    const key = typeof raw.key === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(raw.key) ? raw.key : randomBytes(16).toString('base64url');
    const parsed = registerForm.safeParse(raw);
    if (!parsed.success) {
      const invalid = [...new Set(parsed.error.issues.map((i) => String(i.path[0])).filter((f): f is RegisterField => (REGISTER_FIELDS as string[]).includes(f)))];
      return registerPage(req, res, { key, form, invalid, error: t('register.fieldProblem', { fields: invalid.map((f) => t(`register.${f}`)).join(', ') }) }, 422);
    }
    const budget = await deps.registrations?.hit(req.ip ?? 'unknown');
    if (budget && !budget.allowed) return registerPage(req, res, { key, form, error: t('refusal.THROTTLED') }, 429);
    const b = parsed.data;
    try {
      const { actor } = await care.customers.register(
        {
          firstName: b.firstName,
          lastName: b.lastName,
          email: b.email,
          phone: b.phone,
          billingAddress: { line1: b.line1, ...(b.line2 ? { line2: b.line2 } : {}), city: b.city, region: b.region, postalCode: b.postalCode, country: 'US' },
          pin: b.pin,
          ...(b.password ? { password: b.password } : {}),
          locale: localeOf(req),
        },
        { ...ctx(req), idempotencyKey: b.key },
      );
      await startSession(res, deps.cookie, deps.sessions, deps.clock, actor);
      res.redirect(303, '/procedures/new-service?notice=welcome');
    } catch (e) {
      const code = refusalOf(e);
      if (!code) throw e;
      registerPage(req, res, { key, form, error: t(`refusal.${code}`) }, STATUS[code] ?? 400);
    }
  }));

  router.post('/sign-out', run(async (req, res) => {
    const me = customerOf(req);
    if (me) await care.sessions.signOut(me.actor, { jti: me.session.jti, expiresAt: me.session.expiresAt });
    deps.cookie.clear(res);
    res.redirect(303, '/sign-in?notice=signed-out');
  }));
}
