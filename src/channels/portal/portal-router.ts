/**
 * The customer portal, served at `/`: server-rendered pages (eta, web-portal/views) over the
 * same use cases as the API, with progressive enhancement (every form works without script; a
 * few small scripts add the bills chart and Web Chat). The router answers only the paths it owns
 * (PORTAL_SEGMENTS); everything else (/api, /chat, /console, /voice, /v3) passes it untouched.
 */
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import cookieParser from 'cookie-parser';
import type { Care } from '../../domain/care';
import type { Clock, RateLimit } from '../../domain/shared/ports';
import { isDomainError } from '../../domain/shared/errors';
import { cookieSession, createPageCsrf, isCsrfError, pageAssets, pageHeaders, webDir, type PageCsrf } from '../../shared/pages';
import type { PortalSession, PortalSessions } from '../../shared/portal-sessions';
import { loadWording } from './portal-wording';
import { createPortalPages, LANGUAGE_COOKIE, type PortalPages } from './portal-pages';
import { csrfSessionId, customerOf, portalSessionMiddleware, type PortalCustomer } from './portal-session';
import { addSignInRoutes } from './sign-in-routes';
import { addAccountRoutes } from './account-routes';
import { addChatRoutes, CHAT_CSP, type ChatTokenMinted } from './chat-routes';
import { vendorAssets } from './vendor-assets';
import { signedIn } from './route-kit';

export const PORTAL_COOKIE = 'telecare_portal';
/** The first path segments the portal answers; any other request skips the portal's router. */
export const PORTAL_SEGMENTS = ['', 'sign-in', 'sign-out', 'register', 'bills', 'chat-with-us', 'language', 'procedures', 'assets'] as const;

/** What the procedure forms (src/channels/portal/procedures) are built from; see web-portal/README.md. */
export interface ProcedureRouteDeps {
  care: Care;
  pages: PortalPages;
  clock: Clock;
  /** The portal's CSRF protection: the procedure forms use the same cookie and token. */
  csrf: PageCsrf;
}
export type ProcedureRoutesFactory = (deps: ProcedureRouteDeps, session: { customerOf(req: Request): PortalCustomer | undefined }) => Router;

export interface PortalDeps {
  care: Care;
  sessions: PortalSessions;
  clock: Clock;
  /** Cookies Secure (production). */
  secure: boolean;
  /** Signs the CSRF tokens (the session secret). */
  csrfSecret: string;
  /** The verified handover: a Direct Line token bound to this portal session (null when the session is no longer live). Absent: no chat. */
  chatToken?: (session: PortalSession) => Promise<ChatTokenMinted | null>;
  /** The API's per-source budgets, spent the same way here. */
  limits?: { registrations?: RateLimit; chatTokens?: RateLimit };
  /** The guided procedure forms, mounted at /procedures. */
  procedures?: ProcedureRoutesFactory;
  /** The portal's folder (views, assets, wording); found from here by default. */
  dir?: string;
}

const owned = new Set<string>(PORTAL_SEGMENTS);

export function makePortalRouter(deps: PortalDeps): Router {
  const dir = deps.dir ?? webDir(__dirname, 'web-portal');
  const catalog = () => deps.care.catalog.catalog();
  const wording = loadWording(undefined, catalog().operator.timezone);
  const cookie = cookieSession({ name: PORTAL_COOKIE, path: '/', secure: deps.secure, sameSite: 'lax' });
  const csrf = createPageCsrf({ secret: deps.csrfSecret, secure: deps.secure, path: '/', cookieName: 'telecare_portal_csrf', sessionId: csrfSessionId(cookie) });
  const pages = createPortalPages({ dir, wording, csrf, supportPhone: () => catalog().operator.supportPhone });
  const router = express.Router();

  router.use((req, _res, next) => next(owned.has(req.path.split('/')[1] ?? '') ? undefined : 'router'));
  router.use('/assets', pageAssets(path.join(dir, 'assets')), pageAssets(), vendorAssets());
  router.use(pageHeaders(), cookieParser(), express.urlencoded({ extended: false, limit: '16kb' }), csrf.protect, portalSessionMiddleware(cookie, deps.sessions));

  router.post('/language', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const lang = body.lang === 'es' ? 'es' : 'en';
    const back = typeof body.back === 'string' && /^\/(?![/\\])[A-Za-z0-9/_-]{0,200}$/.test(body.back) ? body.back : '/';
    res.cookie(LANGUAGE_COOKIE, lang, { httpOnly: true, sameSite: 'lax', secure: deps.secure, path: '/', maxAge: 365 * 24 * 3600 * 1000 });
    res.redirect(303, back);
  });

  addSignInRoutes(router, { care: deps.care, sessions: deps.sessions, clock: deps.clock, cookie, pages, registrations: deps.limits?.registrations });
  addAccountRoutes(router, { care: deps.care, pages, clock: deps.clock });
  addChatRoutes(router, { pages, chatToken: deps.chatToken, budget: deps.limits?.chatTokens, csp: CHAT_CSP });

  if (deps.procedures) router.use('/procedures', deps.procedures({ care: deps.care, pages, clock: deps.clock, csrf }, { customerOf }));
  else {
    // Until the procedure forms are mounted, say so and offer the chat that can do them now.
    router.get(['/procedures', '/procedures/*rest'], signedIn, (req, res) => {
      const t = pages.words(req).t;
      pages.render(req, res, 'problem', { title: t('procedures.soon.title'), heading: t('procedures.soon.title'), text: t('procedures.soon.text', { phone: catalog().operator.supportPhone }), link: '/chat-with-us', linkText: t('nav.chat') });
    });
  }

  const problem = (req: Request, res: Response, status: number, key: 'csrf' | 'notFound'): void => {
    const t = pages.words(req).t;
    pages.render(req, res, 'problem', { title: t(`problem.${key}.title`), heading: t(`problem.${key}.title`), text: t(`problem.${key}.text`), link: '/', linkText: t('problem.back') }, status);
  };
  router.use((req, res) => problem(req, res, 404, 'notFound'));
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (isCsrfError(err)) return problem(req, res, 403, 'csrf');
    if (isDomainError(err) && err.code === 'NOT_FOUND') return problem(req, res, 404, 'notFound');
    next(err);
  });
  return router;
}
