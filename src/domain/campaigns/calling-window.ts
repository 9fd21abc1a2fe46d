/**
 * Calling windows in the customer's own time zone: calls only between `from` and `to` on the
 * listed weekdays, local time. Pure functions of an instant (from the clock port).
 */
export interface CallingWindow {
  from: string;
  to: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  days: readonly number[];
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local weekday and HH:MM of `at` in `timeZone`. */
export function localTime(at: Date, timeZone: string): { day: number; hhmm: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: WEEKDAYS[get('weekday')] ?? 0, hhmm: `${get('hour')}:${get('minute')}` };
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function withinWindow(at: Date, window: CallingWindow, timeZone: string): boolean {
  const { day, hhmm } = localTime(at, timeZone);
  return window.days.includes(day) && hhmm >= window.from && hhmm < window.to;
}

/**
 * The first instant at or after `at` inside the window (to the minute), or null when none within
 * eight days (a window that never opens).
 */
export function nextWindowOpening(at: Date, window: CallingWindow, timeZone: string): Date | null {
  if (withinWindow(at, window, timeZone)) return at;
  const start = Math.ceil(at.getTime() / 60_000) * 60_000;
  // Minute steps are exact across DST changes; jump in 15-minute strides, then back to the minute.
  for (let t = start; t < start + 8 * 86_400_000; t += 15 * 60_000) {
    if (withinWindow(new Date(t), window, timeZone)) {
      let first = t;
      while (first - 60_000 >= start && withinWindow(new Date(first - 60_000), window, timeZone)) first -= 60_000;
      return new Date(first);
    }
  }
  return null;
}
