/**
 * Composition of the TM Forum channel: partners over the store, their access tokens (own
 * audience), the audit log, the published specifications (tmf/), the hub with its subscriber on
 * the event port, and the router mounted at the root (/oauth/token, /tmf-api/...).
 */
import type { Config } from './config/config';
import type { Composed } from './compose';
import type { ChannelMount } from './app';
import { createPartnersApi } from './domain/partners/partners-api';
import { createPartnerQueries } from './domain/partners/partner-queries';
import { createListenerRegistry } from './domain/partners/listener-registry';
import { createAuditLog } from './domain/staff/audit';
import { createClientTokenSigner } from './shared/tokens';
import { makeTmfRouter, type ExtraRoutes } from './channels/tmf';
import { createHub } from './channels/tmf/hub/hub';
import { lazyTmfSpecs } from './channels/tmf/spec/tmf-specs';
import { hrefsFor } from './channels/tmf/mappers/refs';
import { checkOutboundUrl } from './adapters/tmf/safe-url';
import type { Logger } from './shared/logger';
import type { Catalog } from './domain/catalog/catalog-schema';
import { createExternalReports } from './domain/submissions/external-reports';
import { createIdempotency, requestHash } from './channels/api/idempotency';
import { createKeyedReplay } from './channels/tmf/keyed-replay';
import { orderListenerRouter, ticketListenerRouter } from './channels/tmf/routes/bond-listener';

export const PARTNER_TOKEN_TTL_SECONDS = 3600;

/**
 * `catalogAt`: the catalog of a revision this process holds (a catalog change is told by the processes holding it).
 * `bondListenerKey`: when a port is bonded, our listener routes for partners' events (keyed).
 */
export function mountTmf(config: Config, composed: Pick<Composed, 'care' | 'deps'>, logger: Logger, opts: { catalogAt: (revision: string) => Catalog | undefined; bondListenerKey?: string }): ChannelMount {
  const { bondListenerKey } = opts;
  const { deps, care } = composed;
  const origin = config.publicBaseUrl.replace(/\/+$/, '');
  const partners = createPartnersApi({ partners: deps.stores.partners, customers: deps.stores.customers, hasher: deps.hasher, clock: deps.clock, ids: deps.ids });
  const queries = createPartnerQueries({ stores: deps.stores, partners });
  // Production: https only, to public addresses only (fail closed); elsewhere test servers on loopback are fine.
  const allowPrivate = config.env !== 'production';
  const registry = createListenerRegistry({
    stores: deps.stores,
    clock: deps.clock,
    ids: deps.ids,
    checkCallback: async (url) => {
      await checkOutboundUrl(url, { allowPrivate });
    },
    deliverNow: deps.deliverNow,
  });
  const catalog = deps.catalog;
  const hub = createHub({ registry, partners, queries, catalog, catalogAt: opts.catalogAt, clock: deps.clock, href: hrefsFor(origin) });
  const stop = hub.start(deps.events, (err) => logger.error({ err }, 'TMF notification could not be owed to a listener'));
  const specs = lazyTmfSpecs();
  const extra: ExtraRoutes = {};
  if (bondListenerKey) {
    const reports = createExternalReports({ stores: deps.stores, orderProgress: care.reportOrderProgress, ticketProgress: care.reportTicketProgress });
    extra.TMF622 = orderListenerRouter({ reports, specs, listenerKey: bondListenerKey });
    extra.TMF621 = ticketListenerRouter({ reports, specs, listenerKey: bondListenerKey });
  }
  const router = makeTmfRouter(
    {
      care,
      partners,
      queries,
      tokens: createClientTokenSigner(config.sessionSecret, { clock: deps.clock, ttlSeconds: PARTNER_TOKEN_TTL_SECONDS }),
      audit: createAuditLog({ audit: deps.stores.audit, clock: deps.clock, ids: deps.ids }),
      specs,
      catalog,
      clock: deps.clock,
      hub,
      origin,
      tokenTtlSeconds: PARTNER_TOKEN_TTL_SECONDS,
      replay: createKeyedReplay(createIdempotency(deps.stores.idempotency, deps.clock), (request) => requestHash({ path: request.path, query: {}, body: request.body }, config.sessionSecret)),
      throttle: deps.throttle,
    },
    extra,
  );
  return { path: '/', router, close: () => stop() };
}
