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
import { createCsrActions } from './domain/staff/csr-actions';
import { createCsrActionOptions } from './domain/staff/csr-action-options';
import { createIdempotency } from './channels/api/idempotency';
import { createApprovals } from './domain/staff/approvals';
import { createReports } from './domain/reports/reports-api';
import { createWallboard } from './domain/reports/wallboard';
import type { Campaigns } from './domain/campaigns/campaigns-api';

export function mountConsole(config: Config, composed: Pick<Composed, 'care' | 'deps'>, chatHandoff?: ChatHandoffPort, campaigns?: Campaigns): ChannelMount {
  const dispositions = loadDispositionsFile(config.dispositionsFile);
  const { deps, care } = composed;
  // The same desk as the staff API's: accepting a queued call in the console puts it through to the CSR too.
  const desk = createStaffDesk({ ...deps, escalations: care.escalations, dispositions: () => dispositions, pickup: voicePickup(config, deps.stores) });
  const tokens = createTokenSigner(config.sessionSecret, { clock: deps.clock, ttlSeconds: STAFF_TOKEN_TTL_SECONDS });
  const chat = chatHandoff ? createChatDesk({ escalations: deps.stores.escalations, interactions: deps.stores.interactions, audit: desk.audit, handoff: chatHandoff, transcript: (id) => care.interactions.transcriptOf(id) }) : undefined;
  // The same use cases, audit and idempotency store as the staff API's actions.
  const actions = {
    actions: createCsrActions({ stores: deps.stores, clock: deps.clock, care, audit: desk.audit, events: deps.events }),
    options: createCsrActionOptions({ stores: deps.stores, care }),
    idempotency: createIdempotency(deps.stores.idempotency, deps.clock),
    fingerprintKey: config.sessionSecret,
  };
  // Times, days and "today" in the console are the operator's (the catalog's zone).
  const operatorZone = (): string => deps.catalog().operator.timezone;
  const supervisor = {
    approvals: createApprovals({ stores: deps.stores, clock: deps.clock, catalog: deps.catalog, billing: care.billing, audit: desk.audit, notifier: deps.backends.notifier }),
    reports: createReports({ reports: deps.stores.reports, clock: deps.clock, catalog: deps.catalog, audit: desk.audit }),
    wallboard: createWallboard({ stores: deps.stores, clock: deps.clock, timeZone: operatorZone }),
    audit: desk.audit,
  };
  const router = makeConsoleRouter({ desk, tokens, events: deps.events, clock: deps.clock, tokenTtlSeconds: STAFF_TOKEN_TTL_SECONDS, secure: config.env === 'production', csrfSecret: config.sessionSecret, timeZone: operatorZone, supervisor, actions, ...(chat ? { chat } : {}), ...(campaigns ? { campaigns } : {}) });
  return { path: CONSOLE_PATH, router };
}
