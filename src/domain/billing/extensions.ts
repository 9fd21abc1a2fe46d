import type { CareDeps } from '../deps';
import type { BillingApi } from '../care';
import type { Actor } from '../shared/actor';
import type { PaymentExtension } from './billing';
import { fail } from '../shared/errors';
import { newSubmission, requireLevel, scopedKey } from '../shared/guards';
import { findByKey, insertOnce } from '../submissions/insert-once';
import { billOf } from './bill-queries';
import { extensionRefusal, extensionVerdict, type ExtensionVerdict } from './extension-policy';
import { refuse } from '../shared/refusal';
import { requireOwnInteraction } from '../interactions/ownership';

export function createExtensions(deps: CareDeps): Pick<BillingApi, 'extensionOptions' | 'requestExtension'> {
  async function verdictFor(actor: Actor): Promise<ExtensionVerdict> {
    requireLevel(actor, 'verified');
    const customerId = actor.customerId as string;
    const [bills, extensions] = await Promise.all([
      deps.stores.bills.find({ customerId }),
      deps.stores.extensions.find({ customerId }),
    ]);
    return extensionVerdict({ bills, extensions, catalog: deps.catalog(), now: deps.clock.now() });
  }

  return {
    async extensionOptions(actor) {
      const verdict = await verdictFor(actor);
      if (!verdict.allowed) return null;
      return { billId: verdict.bill.id, currentDueDate: verdict.currentDueDate, latestDate: verdict.latestDate, dates: verdict.dates };
    },

    async requestExtension(actor, input, opts) {
      requireLevel(actor, 'verified');
      await requireOwnInteraction(deps.stores, actor, opts.interactionId);
      const key = scopedKey(actor, 'extension', opts.idempotencyKey);
      const existing = await findByKey(deps.stores.extensions, key);
      if (existing) return existing;

      await billOf(deps, actor, input.billId); // NOT_FOUND for a bill that is not theirs
      const verdict = await verdictFor(actor);
      if (!verdict.allowed) {
        const bills = await deps.stores.bills.find({ customerId: actor.customerId as string });
        refuse('EXTENSION_NOT_ALLOWED', extensionRefusal(verdict.reason, { bills, catalog: deps.catalog(), now: deps.clock.now(), bill: verdict.bill }), { reason: verdict.reason });
      }
      if (verdict.bill.id !== input.billId) fail('EXTENSION_NOT_ALLOWED', 'only the latest unpaid bill can be extended', { reason: 'not-latest-unpaid', billId: verdict.bill.id });
      if (!verdict.dates.includes(input.toDate)) {
        fail('EXTENSION_NOT_ALLOWED', 'that date is not one of the dates offered', { reason: 'date-not-offered', dates: verdict.dates });
      }

      const now = deps.clock.now();
      const { record, created } = await insertOnce<PaymentExtension>(deps.stores.extensions, {
        id: deps.ids.next('ext'),
        customerId: verdict.bill.customerId,
        billId: verdict.bill.id,
        fromDate: verdict.currentDueDate,
        toDate: input.toDate,
        status: 'submitted',
        ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
        idempotencyKey: key,
        createdAt: now.toISOString(),
        submission: newSubmission(key, now),
      });
      if (!created) return record;
      await deps.deliverNow('extension', record.id);
      return (await deps.stores.extensions.get(record.id)) ?? record;
    },
  };
}
