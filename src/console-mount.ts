/**
 * Composition of the CSR console (/console): a staff desk over the domain's dependencies (the
 * same use cases and dispositions as the staff API), the staff token signer, and the pages'
 * router, mounted like every other channel.
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import { createStaffDesk } from './domain/staff/staff-desk';
import { loadDispositionsFile } from './adapters/files/dispositions-file';
import { createTokenSigner } from './shared/tokens';
import { CONSOLE_PATH, makeConsoleRouter } from './channels/console';
import { STAFF_TOKEN_TTL_SECONDS } from './staff-mount';

export function mountConsole(config: Config, composed: Pick<Composed, 'care' | 'deps'>): ChannelMount {
  const dispositions = loadDispositionsFile(config.dispositionsFile);
  const { deps, care } = composed;
  const desk = createStaffDesk({ ...deps, escalations: care.escalations, dispositions: () => dispositions });
  const tokens = createTokenSigner(config.sessionSecret, { clock: deps.clock, ttlSeconds: STAFF_TOKEN_TTL_SECONDS });
  const router = makeConsoleRouter({ desk, tokens, events: deps.events, clock: deps.clock, tokenTtlSeconds: STAFF_TOKEN_TTL_SECONDS, secure: config.env === 'production', csrfSecret: config.sessionSecret });
  return { path: CONSOLE_PATH, router };
}
