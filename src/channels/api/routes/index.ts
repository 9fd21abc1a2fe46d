import type { AnyRoute } from '../route-kit';
import { accountRoutes } from './account-routes';
import { billingRoutes } from './billing-routes';
import { orderRoutes } from './order-routes';
import { procedureRoutes } from './procedure-routes';
import { offerRoutes } from './offer-routes';
import { repairRoutes } from './repair-routes';
import { sessionRoutes } from './session-routes';

/** Order matters where paths overlap: `/bills/summary` is declared before `/bills/:id`. */
export const API_ROUTES: readonly AnyRoute[] = [...sessionRoutes, ...accountRoutes, ...orderRoutes, ...billingRoutes, ...repairRoutes, ...procedureRoutes, ...offerRoutes];
