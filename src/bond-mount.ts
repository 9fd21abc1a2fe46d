/**
 * The bond: TMF clients behind our back-end ports, chosen per port by settings
 * (PROVISIONING_BACKEND=tmf622, WORKFORCE_BACKEND=tmf621), each with a timeout and its own
 * circuit breaker; retries are the outbox's. Their events come back on our listener routes,
 * mounted under the TMF channel's API paths.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from './config/config';
import type { Backends } from './domain/ports/backends';
import type { Clock } from './domain/shared/ports';
import type { ReferenceBackends } from './adapters/backends';
import { createCircuitBreaker } from './adapters/tmf/circuit-breaker';
import { createTmfClient } from './adapters/tmf/tmf-client';
import { createTmf622Provisioning } from './adapters/tmf/tmf622-provisioning';
import { createTmf621Workforce } from './adapters/tmf/tmf621-workforce';
import { API_PATHS } from './channels/tmf/mappers/refs';

export interface Bond {
  /** The ports the settings put behind TMF clients (none by default). */
  backends(reference: ReferenceBackends): Partial<Backends>;
  /** The key partners' events must carry (in the callback URL we register with them). */
  listenerKey: string;
  /** True when any port is bonded (the listener routes are then mounted). */
  active: boolean;
}

export function bondFromConfig(config: Config, clock: Clock): Bond {
  const listenerKey = config.bondListenerKey ?? randomBytes(24).toString('base64url');
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const policy = { allowPrivate: config.env !== 'production' };
  const client = (name: string, baseUrl: string, tokenUrl: string | undefined, clientId: string, clientSecret: string) =>
    createTmfClient({
      baseUrl,
      ...(tokenUrl ? { tokenUrl } : {}),
      clientId,
      clientSecret,
      timeoutMs: config.bondTimeoutMs,
      breaker: createCircuitBreaker({ name, failures: config.bondBreakerFailures, cooldownMs: config.bondBreakerCooldownMs, clock }),
      clock,
      policy,
    });
  return {
    listenerKey,
    active: config.provisioningBackend !== 'reference' || config.workforceBackend !== 'reference',
    backends(reference) {
      const out: Partial<Backends> = {};
      if (config.provisioningBackend === 'tmf622') {
        out.provisioning = createTmf622Provisioning({
          client: client('provisioning (TMF622)', config.provisioningTmfUrl as string, config.provisioningTmfTokenUrl, config.provisioningTmfClientId as string, config.provisioningTmfClientSecret as string),
          fallback: reference.provisioning,
          callbackUrl: `${origin}${API_PATHS.TMF622}/listener/productOrderStateChangeEvent?key=${encodeURIComponent(listenerKey)}`,
        });
      }
      if (config.workforceBackend === 'tmf621') {
        out.workforce = createTmf621Workforce({
          client: client('workforce (TMF621)', config.workforceTmfUrl as string, config.workforceTmfTokenUrl, config.workforceTmfClientId as string, config.workforceTmfClientSecret as string),
          fallback: reference.workforce,
          callbackBase: `${origin}${API_PATHS.TMF621}/listener`,
          callbackKey: listenerKey,
        });
      }
      return out;
    },
  };
}
