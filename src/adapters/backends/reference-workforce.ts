import type { Workforce } from '../../domain/ports/backends';
import type { Appointment } from '../../domain/repair/ticket';
import { DomainError } from '../../domain/shared/errors';
import { zonedHourToUtc } from './local-time';

const DAY_MS = 86_400_000;
const WINDOWS = [
  { name: 'am', startHour: 8, endHour: 12 },
  { name: 'pm', startHour: 13, endHour: 17 },
] as const;

export interface ReferenceWorkforce extends Workforce {
  /** Bookings by ticket id. */
  bookings(): ReadonlyMap<string, Appointment>;
}

/** slot-YYYY-MM-DD-am|pm -> its appointment (local windows in `timeZone`, returned as UTC instants). */
export function slotAppointment(slotId: string, timeZone = 'UTC'): Appointment | null {
  const m = /^slot-(\d{4}-\d{2}-\d{2})-(am|pm)$/.exec(slotId);
  if (!m) return null;
  const window = WINDOWS.find((w) => w.name === m[2]);
  if (!window || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`))) return null;
  const at = (hour: number) => zonedHourToUtc(m[1] as string, hour, timeZone).toISOString();
  return { slotId, start: at(window.startHour), end: at(window.endHour) };
}

/**
 * Reference field-service scheduling: two windows (08–12, 13–17 local time) on each weekday from the
 * day after `from` for `horizonDays` days, `capacity` technicians per window (one crew covers
 * every postal code here; a real system would route by area).
 * Booking is idempotent per ticket: a ticket keeps its first appointment.
 */
export function createReferenceWorkforce(opts: { capacity?: number; timeZone?: () => string } = {}): ReferenceWorkforce {
  const capacity = opts.capacity ?? 3;
  const zone = () => opts.timeZone?.() ?? 'UTC';
  const booked = new Map<string, Appointment>();
  const taken = (slotId: string) => [...booked.values()].filter((b) => b.slotId === slotId).length;

  return {
    async freeSlots(_postalCode, fromIso, horizonDays) {
      const firstDay = Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`);
      const slots: Appointment[] = [];
      for (let d = 1; d <= horizonDays; d += 1) {
        const day = new Date(firstDay + d * DAY_MS);
        if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
        for (const w of WINDOWS) {
          const slot = slotAppointment(`slot-${day.toISOString().slice(0, 10)}-${w.name}`, zone());
          if (slot && taken(slot.slotId) < capacity) slots.push(slot);
        }
      }
      return slots;
    },

    async book(ticket, slotId) {
      const existing = booked.get(ticket.id);
      if (existing) return existing;
      const slot = slotAppointment(slotId, zone());
      if (!slot) throw new DomainError('VALIDATION_FAILED', 'unknown slot', { slotId });
      if (taken(slotId) >= capacity) throw new DomainError('CONFLICT', 'that slot was just taken', { slotId });
      booked.set(ticket.id, slot);
      return slot;
    },

    bookings: () => booked,
  };
}
