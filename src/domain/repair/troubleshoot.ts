import type { CareDeps } from '../deps';
import type { RepairApi, RepairOutcome } from '../care';
import type { Actor } from '../shared/actor';
import type { IdempotencyRecord } from '../ports/store';
import type { Diagnosis, Diagnostics, RepairTicket } from './ticket';
import { fail, isDomainError } from '../shared/errors';
import { newSubmission, scopedKey } from '../shared/guards';
import { findByKey, insertOnce } from '../submissions/insert-once';
import { gatherDiagnostics } from './diagnostics';
import { requireOwnInteraction } from '../interactions/ownership';
import { diagnose } from './diagnosis';
import { freeSlotsFor, serviceOf, type ServiceContext } from './repair-context';
import { monthlyPriceOf, outageCredit } from './service-price';
import { publishTicket } from './ticket-lifecycle';

/** Outcomes without a ticket are kept this long for replays of the same idempotency key. */
const OUTCOME_TTL_MS = 24 * 3_600_000;

type Opts = { idempotencyKey: string; interactionId?: string };

const RESET_DID_NOT_HELP = 'A remote reset did not bring the line back, so a technician will repair it.';

export function createTroubleshooting(deps: CareDeps): Pick<RepairApi, 'troubleshoot'> {
  async function withSlots(ctx: ServiceContext, outcome: Omit<RepairOutcome, 'slots'>): Promise<RepairOutcome> {
    if (outcome.resolution !== 'ticket' || outcome.ticket?.status !== 'open') return outcome;
    return { ...outcome, slots: await freeSlotsFor(deps, ctx) };
  }

  /** The first answer for this key, if there was one: the ticket it opened, or the stored outcome. */
  async function replay(ctx: ServiceContext, key: string): Promise<RepairOutcome | null> {
    const ticket = await findByKey(deps.stores.tickets, key);
    if (ticket) return withSlots(ctx, { diagnostics: ticket.diagnostics, diagnosis: ticket.diagnosis, resolution: 'ticket', ticket });
    const stored = await deps.stores.idempotency.get(key);
    if (stored?.state === 'done' && stored.body) return stored.body as RepairOutcome;
    return null;
  }

  async function remember(key: string, outcome: RepairOutcome): Promise<RepairOutcome> {
    const now = deps.clock.now();
    const record: Omit<IdempotencyRecord, 'version'> = {
      id: key,
      requestHash: `repair:${outcome.diagnostics.serviceId}:${outcome.diagnostics.symptom}`,
      state: 'done',
      body: outcome,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + OUTCOME_TTL_MS).toISOString(),
    };
    try {
      await deps.stores.idempotency.insert(record);
      return outcome;
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'DUPLICATE') throw e;
      const first = await deps.stores.idempotency.get(key);
      return (first?.body as RepairOutcome | undefined) ?? outcome;
    }
  }

  async function openTicket(actor: Actor, ctx: ServiceContext, key: string, diagnostics: Diagnostics, diagnosis: Diagnosis, opts: Opts): Promise<RepairOutcome> {
    const now = deps.clock.now();
    const { record, created } = await insertOnce<RepairTicket>(deps.stores.tickets, {
      id: deps.ids.next('tkt'),
      customerId: ctx.customer.id,
      serviceId: ctx.service.id,
      symptom: diagnostics.symptom,
      diagnostics,
      diagnosis,
      status: 'open',
      channel: actor.channel,
      ...(opts.interactionId ? { interactionId: opts.interactionId } : {}),
      idempotencyKey: key,
      createdAt: now.toISOString(),
      submission: newSubmission(key, now),
    });
    if (created) {
      await publishTicket(deps, record);
      await deps.deliverNow('ticket', record.id);
    }
    const ticket = (await deps.stores.tickets.get(record.id)) ?? record;
    return withSlots(ctx, { diagnostics: ticket.diagnostics, diagnosis: ticket.diagnosis, resolution: 'ticket', ticket });
  }

  /** Remote reset, then the line is tested again: fixed now, or still broken (with the re-test for the technician). */
  async function tryRemoteReset(ctx: ServiceContext, diagnostics: Diagnostics): Promise<{ fixed: boolean; diagnostics: Diagnostics }> {
    try {
      const reset = await deps.backends.provisioning.remoteReset(ctx.service.lineId);
      if (!reset.ok) return { fixed: false, diagnostics };
      const retest = await deps.backends.network.lineTest(ctx.service.lineId);
      return { fixed: retest.result === 'pass', diagnostics: { ...diagnostics, retest } };
    } catch {
      return { fixed: false, diagnostics };
    }
  }

  return {
    async troubleshoot(actor, input, opts) {
      const ctx = await serviceOf(deps, actor, input.serviceId);
      await requireOwnInteraction(deps.stores, actor, opts.interactionId);
      const key = scopedKey(actor, 'repair', opts.idempotencyKey);
      const first = await replay(ctx, key);
      if (first) return first;

      const symptoms = deps.catalog().repair.symptoms.filter((s) => s.families.includes(ctx.product.family));
      if (!symptoms.some((s) => s.code === input.symptom)) {
        fail('VALIDATION_FAILED', 'that symptom does not apply to this service', { symptom: input.symptom, valid: symptoms.map((s) => s.code) });
      }

      let diagnostics = await gatherDiagnostics(deps, { ...ctx, symptom: input.symptom });
      let diagnosis = await diagnose(deps.rules, diagnostics);
      const done = (resolution: RepairOutcome['resolution'], extra: Partial<RepairOutcome> = {}) =>
        remember(key, { diagnostics, diagnosis, resolution, ...extra });

      switch (diagnosis.action) {
        case 'remote-reset': {
          const reset = await tryRemoteReset(ctx, diagnostics);
          diagnostics = reset.diagnostics;
          if (reset.fixed) return done('resolved');
          diagnosis = { ...diagnosis, action: 'dispatch', explanation: RESET_DID_NOT_HELP };
          break;
        }
        case 'inform-outage':
          if (diagnostics.outage) {
            const monthly = monthlyPriceOf(ctx.service, ctx.product, deps.catalog().operator.currency);
            return done('outage', { outageCredit: outageCredit(monthly, diagnostics.outage, deps.clock.now()) });
          }
          diagnosis = { ...diagnosis, action: 'dispatch' };
          break;
        case 'offer-payment':
          return done('suspended');
        case 'pending-order':
          return done('pending-order');
        default:
          break;
      }
      return openTicket(actor, ctx, key, diagnostics, diagnosis, opts);
    },
  };
}
