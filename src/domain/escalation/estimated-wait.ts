/**
 * The estimated wait a queued customer hears: their position times the recent handle time of the
 * queue (accept to wrap-up, the last escalations resolved in the same skill within a day), shared by
 * the CSRs who handled them. No recent handling: no estimate (the customer hears only the position).
 */
import type { Escalation } from './escalation';

export const RECENT_HANDLED = 20;
export const RECENT_WINDOW_MS = 24 * 3600_000;

export function estimateWaitSec(position: number, resolved: readonly Pick<Escalation, 'assignedAt' | 'closedAt' | 'assignedTo'>[]): number | undefined {
  const handled = resolved
    .filter((e): e is typeof e & { assignedAt: string; closedAt: string } => Boolean(e.assignedAt && e.closedAt))
    .sort((a, b) => b.closedAt.localeCompare(a.closedAt))
    .slice(0, RECENT_HANDLED);
  if (position < 1 || handled.length === 0) return undefined;
  const handleMs = handled.reduce((sum, e) => sum + Math.max(0, Date.parse(e.closedAt) - Date.parse(e.assignedAt)), 0) / handled.length;
  const csrs = Math.max(1, new Set(handled.map((e) => e.assignedTo)).size);
  return Math.round((position * handleMs) / csrs / 1000);
}
