/**
 * Composition of the customer portal (/): its pages over the domain, the portal session tokens
 * (the API's), the chat channel's verified handover for "Chat with us", the API's per-source
 * budgets, and (when present) the guided procedure forms, mounted like every other channel.
 */
import type { CatalogText } from './domain/catalog/catalog-text';
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import type { RateLimit } from './domain/shared/ports';
import { createTokenSigner } from './shared/tokens';
import { createPortalSessions, type PortalSession } from './shared/portal-sessions';
import { makePortalRouter, type ChatTokenMinted, type ProcedureRoutesFactory } from './channels/portal';
import { localeOf } from './channels/portal/portal-pages';
import { makeProcedureRoutes } from './channels/portal/procedures';

export interface PortalMountOptions {
  chatToken?: (session: PortalSession) => Promise<ChatTokenMinted | null>;
  limits?: { registrations?: RateLimit; chatTokens?: RateLimit };
  procedures?: ProcedureRoutesFactory;
  /** The catalog's own text (products, reasons, symptoms, diagnoses, quote notes) in the customer's language. */
  catalogText?: CatalogText;
}

export function mountPortal(config: Config, composed: Pick<Composed, 'care' | 'deps'>, opts: PortalMountOptions = {}): ChannelMount {
  const { care, deps } = composed;
  const sessions = createPortalSessions(createTokenSigner(config.sessionSecret, { clock: deps.clock }), care.sessions);
  const secure = config.env === 'production';
  // The guided procedure forms, inside the portal's layout, session and CSRF protection.
  const procedures: ProcedureRoutesFactory = (frame, session) =>
    makeProcedureRoutes(
      { care, stores: deps.stores, clock: deps.clock, secure, csrfSecret: config.sessionSecret, ...(opts.catalogText ? { catalogText: opts.catalogText } : {}) },
      {
        customerOf: (req) => {
          const c = session.customerOf(req);
          return c ? { customerId: c.customerId, sessionId: c.session.jti } : undefined;
        },
        locale: localeOf,
        csrf: frame.csrf,
        personPath: '/chat-with-us?person=1',
        render: (req, res, page) => frame.pages.render(req, res, 'procedure-page', { title: page.title, procedureBody: page.body, styles: page.styles }, page.status),
      },
    );
  const { catalogText: _text, ...routerOpts } = opts;
  const router = makePortalRouter({ care, sessions, clock: deps.clock, secure, csrfSecret: config.sessionSecret, procedures, ...routerOpts });
  return { path: '/', router };
}
