/**
 * Composition of the customer portal (/): its pages over the domain, the portal session tokens
 * (the API's), the chat channel's verified handover for "Chat with us", the API's per-source
 * budgets, and (when present) the guided procedure forms, mounted like every other channel.
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import type { RateLimit } from './domain/shared/ports';
import { createTokenSigner } from './shared/tokens';
import { createPortalSessions, type PortalSession } from './shared/portal-sessions';
import { makePortalRouter, type ChatTokenMinted, type ProcedureRoutesFactory } from './channels/portal';

export interface PortalMountOptions {
  chatToken?: (session: PortalSession) => Promise<ChatTokenMinted | null>;
  limits?: { registrations?: RateLimit; chatTokens?: RateLimit };
  procedures?: ProcedureRoutesFactory;
}

export function mountPortal(config: Config, composed: Pick<Composed, 'care' | 'deps'>, opts: PortalMountOptions = {}): ChannelMount {
  const { care, deps } = composed;
  const sessions = createPortalSessions(createTokenSigner(config.sessionSecret, { clock: deps.clock }), care.sessions);
  const router = makePortalRouter({ care, sessions, clock: deps.clock, secure: config.env === 'production', csrfSecret: config.sessionSecret, ...opts });
  return { path: '/', router };
}
