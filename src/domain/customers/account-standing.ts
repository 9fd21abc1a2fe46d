/**
 * Account standing gates selling (rules/account-standing.json): a suspended account, or one in
 * collections, gets no new service and no change that raises the price or adds a product, on
 * every channel alike, because every order path asks here. Downgrades, removals, bills,
 * payments and repairs are never gated.
 */
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer } from './customer';
import type { Refusal } from '../shared/refusal';
import { NEXT_STEPS, type NextStep } from '../shared/refusal';
import { fail } from '../shared/errors';
import { daysPastDue, isOverdue, isoDay } from '../billing/bill-math';

export type SellingAction = 'new-service' | 'upgrade';

type Deps = Pick<CareDeps, 'stores' | 'rules' | 'clock' | 'catalog'>;

/** The refusal the standing rules give for this action, or null when the account may buy. */
export async function sellingRefusal(deps: Deps, actor: Actor, customer: Customer, action: SellingAction): Promise<Refusal | null> {
  const bills = await deps.stores.bills.find({ customerId: customer.id });
  const today = isoDay(deps.clock.now());
  const overdue = bills.filter((b) => isOverdue(b, today));
  const overdueBalanceMinor = overdue.reduce((n, b) => n + b.balance.amountMinor, 0);
  const facts = {
    accountStatus: customer.accountStatus,
    nonPaymentSuspension: customer.services.some((s) => s.status === 'suspended' && s.suspendedReason === 'non-payment'),
    overdueBalanceMinor,
    daysPastDue: daysPastDue(bills, today),
    action,
    channel: actor.channel,
    actorKind: actor.kind,
  };
  const [decision] = (await deps.rules.decide('account-standing', facts)).filter((d) => d.type === 'refuse-selling');
  if (!decision) return null;
  const p = decision.params as { reasonCode?: unknown; explanation?: unknown; nextSteps?: unknown };
  if (typeof p.reasonCode !== 'string' || typeof p.explanation !== 'string') fail('BACKEND_UNAVAILABLE', 'the account-standing rules are not usable');
  const nextSteps = (Array.isArray(p.nextSteps) ? p.nextSteps : []).filter((s): s is NextStep => (NEXT_STEPS as readonly string[]).includes(s));
  const currency = bills[0]?.balance.currency ?? deps.catalog().operator.currency;
  return {
    reasonCode: p.reasonCode,
    reason: p.explanation,
    nextSteps: nextSteps.length ? nextSteps : ['agent'],
    facts: {
      action,
      overdueBalanceMinor,
      overdueBalance: { amountMinor: overdueBalanceMinor, currency },
      daysPastDue: facts.daysPastDue,
      rule: decision.rule,
    },
  };
}

