/**
 * A supervisor reloads the operator's catalog file (after an edit) and sees which offerings
 * changed, or why the file was refused. Audited like every staff action.
 */
import type { AuditLog } from './audit';
import type { StaffView } from './staff';
import type { CatalogReload, LiveCatalog } from '../catalog/live-catalog';
import { supervisorOnly } from '../reports/reports-api';

export interface StaffCatalog {
  reload(staff: StaffView): Promise<CatalogReload>;
}

export function createStaffCatalog(deps: { live: Pick<LiveCatalog, 'reload'>; audit: AuditLog }): StaffCatalog {
  return {
    reload: (staff) =>
      deps.audit.audited(
        { staffId: staff.id, username: staff.username, action: 'catalog.reload' },
        async () => {
          supervisorOnly(staff, 'catalog reloads');
          return deps.live.reload();
        },
        (r) => ({ detail: { revision: r.revision, reloaded: r.reloaded, offerings: r.offerings.length } }),
      ),
  };
}
