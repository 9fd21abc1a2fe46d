/**
 * The supervisor reloads the catalog file after editing it: POST /api/v1/staff/catalog/reload
 * answers the offerings that changed (partners listening to TMF620 are told of each), or 422 with
 * every problem found, the catalog in use unchanged. A CSR gets 403.
 */
import type { StaffRoute } from './staff-routes';

export const CATALOG_ROUTES: readonly StaffRoute[] = [
  {
    method: 'post', path: '/catalog/reload', operationId: 'staffReloadCatalog', auth: 'staff', status: 200, problems: [403, 422],
    summary: 'Supervisor: read the catalog file again; checked as at start-up (a bad file changes nothing and the problems say why), the offerings that changed are listed and told to listening partners (TMF620 hub)',
    handle: async ({ session, deps }) => deps.catalog.reload(session.staff),
  },
];
