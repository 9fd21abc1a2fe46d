/**
 * A ticket after it is opened: withdrawn by the customer (or a partner for them), or moved on by
 * the workforce system (a technician booked, the repair done). Never backwards; every change is
 * published on the event port (partners' listeners follow tickets through it).
 */
import type { CareDeps } from '../deps';
import type { RepairApi } from '../care';
import type { RepairTicket } from './ticket';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { ticketOf } from './repair-context';
import { requireLevel } from '../shared/guards';

const RANK: Record<RepairTicket['status'], number> = { open: 0, scheduled: 1, resolved: 2, cancelled: 2 };

export type TicketProgress = (ticketId: string, status: 'scheduled' | 'resolved', note?: string) => Promise<RepairTicket>;

export const publishTicket = (deps: Pick<CareDeps, 'events' | 'clock'>, ticket: RepairTicket): Promise<void> =>
  deps.events.publish({ type: 'ticket.status', at: deps.clock.now().toISOString(), ticketId: ticket.id, customerId: ticket.customerId, status: ticket.status });

export function createTicketLifecycle(deps: Pick<CareDeps, 'stores' | 'clock' | 'events'>): Pick<RepairApi, 'withdrawTicket'> & { progress: TicketProgress } {
  async function move(ticketId: string, status: RepairTicket['status'], note: string | undefined, refuseLater: boolean): Promise<RepairTicket> {
    let moved = false;
    const ticket = await updateWithRetry<RepairTicket>(deps.stores.tickets, ticketId, (t) => {
      moved = false;
      if (t.status === status) return null;
      if (RANK[status] <= RANK[t.status]) {
        if (refuseLater) fail('CONFLICT', `the ticket is already ${t.status}`, { status: t.status });
        return null;
      }
      moved = true;
      const at = deps.clock.now().toISOString();
      return { ...t, status, ...(status === 'resolved' || status === 'cancelled' ? { resolvedAt: at } : {}), ...(note ? { statusNote: note.slice(0, 300) } : {}) };
    });
    if (moved) await publishTicket(deps, ticket);
    return ticket;
  }
  return {
    async withdrawTicket(actor, ticketId, input = {}) {
      requireLevel(actor, 'verified');
      const ticket = await ticketOf(deps, actor, ticketId);
      return move(ticket.id, 'cancelled', input.reason?.trim() || 'withdrawn by the customer', true);
    },
    progress: (ticketId, status, note) => {
      if (status !== 'scheduled' && status !== 'resolved') fail('VALIDATION_FAILED', 'unknown ticket status', { field: 'status' });
      return move(ticketId, status, note, false);
    },
  };
}
