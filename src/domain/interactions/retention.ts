/**
 * How long contact records are kept. Retention counts from a record's last activity, so a
 * contact still under way (every step moves it) is never cut short:
 * - an interaction: its latest of start, end, steps and procedure draft;
 * - a transcript page: its latest entry.
 * Escalations are not subject to retention: each carries its own copy of the context (transcript,
 * steps, answers), so a CSR working an open escalation loses nothing when the pages it was built
 * from expire. A draft can only be resumed within the resume window (hours), far shorter than
 * any retention allowed here.
 */
export interface RetentionPolicy {
  interactionDays: number;
  transcriptDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { interactionDays: 400, transcriptDays: 90 };

export type RetainedCollection = 'interactions' | 'transcripts';
export const RETAINED_COLLECTIONS: readonly RetainedCollection[] = ['interactions', 'transcripts'];

export const retentionDays = (policy: RetentionPolicy, name: RetainedCollection): number =>
  name === 'interactions' ? policy.interactionDays : policy.transcriptDays;

const isoAt = (value: unknown): string[] => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? [value] : []);

const at = (list: unknown): string[] => (Array.isArray(list) ? list.flatMap((x) => isoAt((x as { at?: unknown } | null)?.at)) : []);

/** The record's last activity (UTC ISO), or undefined when it has no time at all (kept forever). */
export function lastActivityOf(name: RetainedCollection, doc: Record<string, unknown>): string | undefined {
  const times =
    name === 'interactions'
      ? [...isoAt(doc.startedAt), ...isoAt(doc.endedAt), ...at(doc.steps), ...isoAt((doc.procedure as { updatedAt?: unknown } | undefined)?.updatedAt)]
      : at(doc.entries);
  if (times.length === 0) return undefined;
  return new Date(Math.max(...times.map((t) => Date.parse(t)))).toISOString();
}

/** Records whose last activity is at or before this moment have expired. */
export const expiryCutoff = (policy: RetentionPolicy, name: RetainedCollection, now: Date): Date =>
  new Date(now.getTime() - retentionDays(policy, name) * 86_400_000);
