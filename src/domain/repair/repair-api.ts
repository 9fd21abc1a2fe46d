import type { CareDeps } from '../deps';
import type { RepairApi } from '../care';
import { createTroubleshooting } from './troubleshoot';
import { createRepairQueries } from './repair-queries';
import { createTicketLifecycle } from './ticket-lifecycle';

/** Repair: collect diagnostics, diagnose by rules, resolve automatically, else a ticket and a technician (tutorial section 8). */
export function createRepairApi(deps: CareDeps): RepairApi {
  const { withdrawTicket } = createTicketLifecycle(deps);
  return { ...createRepairQueries(deps), ...createTroubleshooting(deps), withdrawTicket };
}
