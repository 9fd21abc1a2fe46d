/**
 * The date range of a report: whole days, `from` and `to` both included (YYYY-MM-DD), at most
 * MAX_DAYS long; by default the last DEFAULT_DAYS days up to today. Days are UTC's unless a time
 * zone is given (the console gives the operator's, so "today" and each day of a chart are the
 * operator's days); the range's instants are then that zone's midnights, summer time included.
 */
import { fail } from '../shared/errors';
import type { ReportRange } from './report-store';

export const DEFAULT_DAYS = 28;
export const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface DayRange extends ReportRange {
  /** The days as asked (both included). */
  fromDay: string;
  toDay: string;
  days: number;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const dayFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone. */
export function dayIn(iso: string, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })));
  return f.format(new Date(iso));
}

/** The zone's wall clock minus UTC at an instant, in ms (-6 h for Chicago in winter). */
function offsetMs(ms: number, timeZone: string): number {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant a day (YYYY-MM-DD) starts in a time zone. */
export function startOfDay(day: string, timeZone: string): number {
  const midnight = Date.parse(`${day}T00:00:00.000Z`);
  if (timeZone === 'UTC') return midnight;
  const guess = midnight - offsetMs(midnight, timeZone);
  // The offset at the guess is the one in force at that midnight (it differs across a change of summer time).
  return midnight - offsetMs(guess, timeZone);
}

function checkedDay(day: string, field: 'from' | 'to'): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (!DAY.test(day) || Number.isNaN(ms) || isoDay(ms) !== day) fail('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD`, { field });
  return ms;
}

export function dayRange(input: { from?: string; to?: string }, now: Date, timeZone = 'UTC'): DayRange {
  const todayMs = checkedDay(dayIn(now.toISOString(), timeZone), 'to');
  const toMs = input.to ? checkedDay(input.to, 'to') : todayMs;
  const fromMs = input.from ? checkedDay(input.from, 'from') : toMs - (DEFAULT_DAYS - 1) * DAY_MS;
  if (fromMs > toMs) fail('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  if (days > MAX_DAYS) fail('VALIDATION_FAILED', `a report covers at most ${MAX_DAYS} days`, { field: 'from' });
  const fromDay = isoDay(fromMs);
  const toDay = isoDay(toMs);
  return {
    from: new Date(startOfDay(fromDay, timeZone)).toISOString(),
    to: new Date(startOfDay(isoDay(toMs + DAY_MS), timeZone)).toISOString(),
    ...(timeZone === 'UTC' ? {} : { timeZone }),
    fromDay,
    toDay,
    days,
  };
}

/** Today so far (UTC's day, or the zone's), for the wallboard. */
export function today(now: Date, timeZone = 'UTC'): ReportRange {
  const day = dayIn(now.toISOString(), timeZone);
  const next = isoDay(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS);
  return { from: new Date(startOfDay(day, timeZone)).toISOString(), to: new Date(startOfDay(next, timeZone)).toISOString(), ...(timeZone === 'UTC' ? {} : { timeZone }) };
}
