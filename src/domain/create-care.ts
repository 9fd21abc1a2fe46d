import type { Care } from './care';
import type { CareDeps } from './deps';
import { createVerificationApi } from './customers/verification-api';
import { createCustomersApi } from './customers/customers-api';
import { createSessionsApi } from './customers/sessions-api';
import { createCatalogApi } from './catalog/catalog-api';
import { createOrdersApi } from './orders/orders-api';
import { createOrderProgress } from './orders/order-progress';
import { createTicketLifecycle } from './repair/ticket-lifecycle';
import { createBillingApi } from './billing/billing-api';
import { createRepairApi } from './repair/repair-api';
import { createInteractionsApi } from './interactions/interactions-api';
import { createProceduresApi } from './procedures/procedures-api';
import { createEscalationsApi } from './escalation/escalations-api';
import { createOffersApi } from './offers/offers-api';

/** The whole application surface over one set of dependencies: what every channel calls. */
export function createCare(deps: CareDeps): Care {
  const customers = createCustomersApi(deps);
  const catalog = createCatalogApi(deps);
  const orders = createOrdersApi(deps);
  const billing = createBillingApi(deps);
  const repair = createRepairApi(deps);
  const interactions = createInteractionsApi(deps);
  const verification = createVerificationApi(deps);
  const procedures = createProceduresApi(deps, { customers, catalog, orders, billing, repair, interactions });
  return {
    verification,
    sessions: createSessionsApi(deps, verification),
    customers,
    catalog,
    orders,
    billing,
    repair,
    interactions,
    procedures,
    escalations: createEscalationsApi(deps, { interactions }),
    offers: createOffersApi(deps, { orders, billing, procedures }),
    reportOrderProgress: createOrderProgress(deps),
    reportTicketProgress: createTicketLifecycle(deps).progress,
  };
}
