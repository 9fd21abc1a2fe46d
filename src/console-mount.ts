/**
 * Composition of the CSR console (/console): a staff desk over the domain's dependencies (the
 * same use cases and dispositions as the staff API), the staff token signer, and the pages'
 * router, mounted like every other channel.
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import { createStaffDesk } from './domain/staff/staff-desk';
import { createChatDesk, type ChatHandoffPort } from './domain/staff/chat-desk';
import { loadDispositionsFile } from './adapters/files/dispositions-file';
import { createTokenSigner } from './shared/tokens';
import { CONSOLE_PATH, makeConsoleRouter } from './channels/console';
import { STAFF_TOKEN_TTL_SECONDS, voicePickup } from './staff-mount';
import type { Campaigns } from './domain/campaigns/campaigns-api';

export function mountConsole(config: Config, composed: Pick<Composed, 'care' | 'deps'>, chatHandoff?: ChatHandoffPort, campaigns?: Campaigns): ChannelMount {
  const dispositions = loadDispositionsFile(config.dispositionsFile);
  const { deps, care } = composed;
  // The same desk as the staff API's: accepting a queued call in the console puts it through to the CSR too.
  const desk = createStaffDesk({ ...deps, escalations: care.escalations, dispositions: () => dispositions, pickup: voicePickup(config, deps.stores) });
  const tokens = createTokenSigner(config.sessionSecret, { clock: deps.clock, ttlSeconds: STAFF_TOKEN_TTL_SECONDS });
  const chat = chatHandoff ? createChatDesk({ escalations: deps.stores.escalations, interactions: deps.stores.interactions, audit: desk.audit, handoff: chatHandoff, transcript: (id) => care.interactions.transcriptOf(id) }) : undefined;
  const router = makeConsoleRouter({ desk, tokens, events: deps.events, clock: deps.clock, tokenTtlSeconds: STAFF_TOKEN_TTL_SECONDS, secure: config.env === 'production', csrfSecret: config.sessionSecret, ...(chat ? { chat } : {}), ...(campaigns ? { campaigns } : {}) });
  return { path: CONSOLE_PATH, router };
}
