import type { BillingSystem } from '../../domain/ports/backends';
import { createIdempotentMemo } from './idempotent-memo';

export interface ReferenceBilling extends BillingSystem {
  /** Effects that took place, in order (one per idempotency key). */
  readonly effects: ReadonlyArray<{ kind: 'adjustment' | 'extension'; recordId: string; externalRef: string }>;
}

/** Reference billing system: posts each adjustment or due-date change once per idempotency key. */
export function createReferenceBilling(): ReferenceBilling {
  const memo = createIdempotentMemo<{ externalRef: string }>();
  const effects: { kind: 'adjustment' | 'extension'; recordId: string; externalRef: string }[] = [];
  let sequence = 0;
  const post = (kind: 'adjustment' | 'extension', recordId: string, key: string) =>
    memo.run(`${kind}:${key}`, async () => {
      sequence += 1;
      const externalRef = `${kind === 'adjustment' ? 'BADJ' : 'BEXT'}-${String(sequence).padStart(6, '0')}`;
      effects.push({ kind, recordId, externalRef });
      return { externalRef };
    });
  return {
    applyAdjustment: (adjustment, key) => post('adjustment', adjustment.id, key),
    extendDueDate: (extension, key) => post('extension', extension.id, key),
    effects,
  };
}
