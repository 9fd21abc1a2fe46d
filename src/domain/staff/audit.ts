/**
 * The audit log: every staff action, who did it, when, about which customer, what and how it
 * ended. Entries are inserted, never changed. A failure to write one is not hidden: the action
 * it describes fails with it (an unaudited customer view must not happen).
 */
import type { Collection } from '../ports/store';
import type { Clock, IdGenerator } from '../shared/ports';
import type { StoredRecord } from '../shared/record';
import { isDomainError } from '../shared/errors';

export const AUDIT_ACTIONS = ['sign-in', 'sign-out', 'queue.view', 'escalation.accept', 'customer.view', 'message', 'procedure', 'wrap-up', 'approval.view', 'approval.decide', 'call.connect', 'report.view', 'wallboard.view', 'partner.token', 'partner.call', 'campaign.create', 'campaign.pause', 'campaign.resume', 'campaign.view', 'suppression.add', 'suppression.remove', 'catalog.reload'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry extends StoredRecord {
  at: string;
  /** Absent for a sign-in with an unknown username, and for partners. */
  staffId?: string;
  /** The partner who called (TM Forum APIs); `username` is then its client id. */
  partnerId?: string;
  username: string;
  action: AuditAction;
  customerId?: string;
  escalationId?: string;
  interactionId?: string;
  result: 'ok' | 'refused';
  /** The domain error code of a refusal. */
  code?: string;
  /** Safe facts (counts, disposition, procedure name); never secrets or message text. */
  detail?: Record<string, unknown>;
}

export type AuditInput = Omit<AuditEntry, 'id' | 'version' | 'at'>;

export interface AuditLog {
  record(entry: AuditInput): Promise<AuditEntry>;
  /**
   * Runs `work` and records its result: 'ok' with `describe(result)`'s facts, or 'refused' with
   * the domain error's code (then rethrows). Unexpected errors are recorded as refused 'ERROR'.
   */
  audited<T>(entry: Omit<AuditInput, 'result'>, work: () => Promise<T>, describe?: (result: T) => Partial<AuditInput>): Promise<T>;
}

export function createAuditLog(deps: { audit: Collection<AuditEntry>; clock: Clock; ids: IdGenerator }): AuditLog {
  const record = (entry: AuditInput) => deps.audit.insert({ ...entry, id: deps.ids.next('aud'), at: deps.clock.now().toISOString() });
  return {
    record,
    async audited(entry, work, describe) {
      let result: Awaited<ReturnType<typeof work>>;
      try {
        result = await work();
      } catch (e) {
        await record({ ...entry, result: 'refused', code: isDomainError(e) ? e.code : 'ERROR' });
        throw e;
      }
      const more = describe ? describe(result) : {};
      const detail = { ...entry.detail, ...more.detail };
      await record({ ...entry, ...more, ...(Object.keys(detail).length ? { detail } : {}), result: 'ok' });
      return result;
    },
  };
}
