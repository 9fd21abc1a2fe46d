/**
 * The date range of a report: whole UTC days, `from` and `to` both included (YYYY-MM-DD), at most
 * MAX_DAYS long; by default the last DEFAULT_DAYS days up to today.
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

function dayStart(day: string, field: 'from' | 'to'): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (!DAY.test(day) || Number.isNaN(ms) || isoDay(ms) !== day) fail('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD`, { field });
  return ms;
}

export function dayRange(input: { from?: string; to?: string }, now: Date): DayRange {
  const todayMs = dayStart(now.toISOString().slice(0, 10), 'to');
  const toMs = input.to ? dayStart(input.to, 'to') : todayMs;
  const fromMs = input.from ? dayStart(input.from, 'from') : toMs - (DEFAULT_DAYS - 1) * DAY_MS;
  if (fromMs > toMs) fail('VALIDATION_FAILED', 'from must not be after to', { field: 'from' });
  const days = Math.round((toMs - fromMs) / DAY_MS) + 1;
  if (days > MAX_DAYS) fail('VALIDATION_FAILED', `a report covers at most ${MAX_DAYS} days`, { field: 'from' });
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs + DAY_MS).toISOString(), fromDay: isoDay(fromMs), toDay: isoDay(toMs), days };
}

/** Today so far (UTC), for the wallboard. */
export function today(now: Date): ReportRange {
  const start = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);
  return { from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() };
}
