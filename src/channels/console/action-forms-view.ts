/**
 * The screen pop's action forms in words for the page: which procedure relates to the reason for
 * the escalation (that form opens first, the others are folded), the choices of each form from
 * the domain's options, the values and quote of a form being filled, and the outcome of the last
 * action in plain words (applied, waiting for a supervisor, refused and why). Pure functions;
 * web/views/console/actions.eta only lays them out.
 */
import { randomUUID } from 'node:crypto';
import type { CsrActionName, CsrActionResult } from '../../domain/staff/csr-actions';
import type { CsrActionOptions, CsrQuote } from '../../domain/staff/csr-action-options';
import type { ProcedureName } from '../../domain/procedures/procedure';
import type { ScreenPop } from '../../domain/escalation/screen-pop';
import type { Skill } from '../../domain/escalation/escalation';
import type { Quote } from '../../domain/orders/order';
import { money } from './screen-pop-view';
import { when } from './console-time';

export const ACTION_TITLES: Record<CsrActionName, string> = {
  adjustment: 'Adjust a charge',
  extension: 'Give more time to pay',
  'order-new': 'Order a new service',
  modification: 'Change a service',
  discontinuation: 'Discontinue a service',
  repair: 'Diagnose and repair',
};

const ACTION_OF_PROCEDURE: Partial<Record<ProcedureName, CsrActionName>> = {
  'bill-adjustment': 'adjustment',
  'payment-extension': 'extension',
  'new-service': 'order-new',
  'modify-service': 'modification',
  'discontinue-service': 'discontinuation',
  repair: 'repair',
};
const ACTION_OF_SKILL: Partial<Record<Skill, CsrActionName>> = { billing: 'adjustment', repair: 'repair', sales: 'order-new', retention: 'discontinuation' };
const ORDER: CsrActionName[] = ['adjustment', 'extension', 'repair', 'order-new', 'modification', 'discontinuation'];

/** The procedure that relates to why the customer was escalated: what they were doing, else their queue's. */
export function relatedAction(pop: ScreenPop): CsrActionName | undefined {
  return (pop.why.intent ? ACTION_OF_PROCEDURE[pop.why.intent] : undefined) ?? ACTION_OF_SKILL[pop.escalation.skill];
}

/** A form being filled again: what was sent, what went wrong (the domain's reason), its quote. */
export interface ActionFormState {
  action: CsrActionName;
  values: Record<string, string>;
  error?: { heading: string; text: string; nextSteps?: string[]; field?: string };
  quote?: CsrQuote;
}

const NEXT_STEP: Record<string, string> = { 'pay-balance': 'pay the balance', agent: 'a more senior person', 'choose-other': 'choose another charge or option', 'change-service': 'change the service', 'try-later': 'try again later' };
export const nextStepWords = (steps: readonly string[]): string[] => steps.map((s) => NEXT_STEP[s] ?? s);

const minorText = (minor: number): string => (minor / 100).toFixed(2);
const option = (value: string, text: string) => ({ value, text });

function quoteView(q: Quote, tz: string) {
  return {
    lines: q.lines.map((l) => ({ label: l.label, kind: l.kind.replace(/-/g, ' '), amount: money(l.amount) + (l.months ? ` for ${l.months} months` : '') })),
    oneTime: money(q.oneTimeTotal),
    monthly: money(q.monthlyTotal),
    delta: `${q.monthlyDelta.amountMinor > 0 ? '+' : ''}${money(q.monthlyDelta)}`,
    notes: q.notes,
    validUntil: when(q.validUntil, tz),
  };
}

/** What the customer's unfinished adjustment had already said (no re-typing). */
function draftAdjustment(pop: ScreenPop): Record<string, string> {
  const d = pop.draft;
  if (!d || d.procedure !== 'bill-adjustment') return {};
  const v = (k: string): unknown => (d.dataCollected[k] as { value?: unknown } | undefined)?.value;
  const out: Record<string, string> = {};
  if (typeof v('bill') === 'string' && typeof v('item') === 'string') out.charge = `${v('bill') as string}|${v('item') as string}`;
  if (typeof v('reason') === 'string') out.reasonCode = v('reason') as string;
  if (typeof v('amount') === 'number') out.amount = minorText(v('amount') as number);
  return out;
}

function formData(action: CsrActionName, options: CsrActionOptions, state: ActionFormState | undefined) {
  switch (action) {
    case 'adjustment': {
      const o = options.adjustment;
      if (!o.available) return {};
      const reasons = new Map<string, string>();
      for (const b of o.bills) for (const i of b.items) for (const r of i.reasons) reasons.set(r.id, r.label);
      return {
        limit: money(o.limit),
        groups: o.bills.map((b) => ({
          label: `Bill ${b.period}, due ${b.dueDate}`,
          options: b.items.map((i) => option(`${b.billId}|${i.id}`, `${i.description}, ${money(i.amount)} (up to ${money(i.maxAdjustable)})`)),
        })),
        reasons: [...reasons].map(([value, text]) => option(value, text)),
        reasonHint: reasonHint(o.bills.flatMap((b) => b.items)),
      };
    }
    case 'extension': {
      const o = options.extension;
      return o.available ? { billLine: `Bill ${o.period ?? o.billId}, due ${o.currentDueDate}`, billId: o.billId, dates: o.dates.map((d) => option(d, d)) } : {};
    }
    case 'order-new': {
      const o = options['order-new'];
      const product = state?.quote?.product;
      return {
        ...(o.available ? { products: o.products.map((p) => option(p.id, `${p.name} (from ${money(p.fromMonthly)} a month)`)) } : {}),
        ...(product
          ? {
              product: { id: product.id, name: product.name },
              config: product.config.map((c) => ({ key: c.key, label: c.label, required: c.required, options: c.values.map((v) => option(v.id, v.label)), selected: state?.values[`config.${c.key}`] ?? c.default ?? '' })),
              addons: (state?.quote?.addons ?? []).map((x) => ({ id: x.id, name: x.name, checked: (state?.values.addons ?? '').split(',').includes(x.id) })),
            }
          : {}),
      };
    }
    case 'modification': {
      const o = options.modification;
      return o.available ? { groups: o.services.map((s) => ({ label: `${s.name} (${s.id})`, options: s.choices.map((c) => option(modificationValue(s.id, c.modification), c.label + (c.detail ? `: ${c.detail}` : ''))) })) } : {};
    }
    case 'discontinuation': {
      const o = options.discontinuation;
      const dates = state?.quote?.endDates;
      return {
        ...(o.available ? { services: o.services.map((s) => option(s.id, `${s.name} (${s.id})`)), reasons: o.reasons.map((r) => option(r.id, r.label)) } : {}),
        ...(state?.quote ? { endDates: dates ? dates.offered.map((d) => option(d, d === dates.today ? `${d} (today, at once)` : d)) : [] } : {}),
      };
    }
    case 'repair': {
      const o = options.repair;
      return o.available ? { groups: o.services.map((s) => ({ label: `${s.name} (${s.id})`, options: s.symptoms.map((x) => option(`${s.id}|${x.id}`, x.label)) })) } : {};
    }
  }
}

const ITEM_TYPE_WORDS: Record<string, string> = { recurring: 'monthly charges', 'one-time': 'one-time charges', usage: 'usage charges', 'late-fee': 'late fees' };

/** Which reasons fit which kind of charge ("usage charges: Billing error, …"), from the items offered. */
function reasonHint(items: readonly { type: string; reasons: readonly { label: string }[] }[]): string {
  const byType = new Map<string, string[]>();
  for (const i of items) if (!byType.has(i.type)) byType.set(i.type, i.reasons.map((r) => r.label));
  return [...byType].map(([t, labels]) => `${ITEM_TYPE_WORDS[t] ?? t}: ${labels.join(', ')}`).join('; ');
}

/** A change as one option value: service|kind|target[|value] (parsed back by the form schema). */
export function modificationValue(serviceId: string, m: { kind: string; toProductId?: string; addonId?: string; featureId?: string; key?: string; value?: string }): string {
  const target = m.toProductId ?? m.addonId ?? m.featureId ?? m.key ?? '';
  return [serviceId, m.kind, target, ...(m.value !== undefined ? [m.value] : [])].join('|');
}

export function actionFormsView(pop: ScreenPop, options: CsrActionOptions, state: ActionFormState | undefined, result: CsrActionResult | undefined, tz: string) {
  const related = relatedAction(pop);
  // The form being filled (a quote, a refusal) is open; else the one related to the reason.
  const first = state?.action ?? related;
  const order = first ? [first, ...ORDER.filter((a) => a !== first)] : ORDER;
  const initial = (a: CsrActionName): Record<string, string> => (a === 'adjustment' ? draftAdjustment(pop) : {});
  return {
    related: related ? ACTION_TITLES[related] : undefined,
    result: result ? resultView(result) : undefined,
    forms: order.map((action) => {
      const o = options[action];
      const mine = state?.action === action ? state : undefined;
      return {
        action,
        title: ACTION_TITLES[action],
        open: action === first,
        related: action === related,
        available: o.available,
        why: o.available ? undefined : o.why,
        // One key per rendered form: a double submit of this form is done once.
        formKey: randomUUID() as string,
        values: mine?.values ?? initial(action),
        error: mine?.error,
        quote: mine?.quote ? quoteView(mine.quote.quote, tz) : undefined,
        ...formData(action, options, mine),
      };
    }),
  };
}

/** The outcome of an action in plain words for the CSR (and what to tell the customer). */
export function resultView(r: CsrActionResult) {
  const rec = r.result;
  const title = ACTION_TITLES[r.action];
  if (r.pendingApproval) {
    return { kind: 'pending', heading: 'Waiting for a supervisor', text: `${title}: ${rec.amount ? `${money(rec.amount)} is` : 'this is'} above your limit, so it is not applied yet. A supervisor approves or rejects it; tell the customer they hear the decision on their next contact.`, ref: rec.id };
  }
  switch (r.action) {
    case 'adjustment':
      return { kind: 'ok', heading: 'Applied', text: `${money(rec.amount)} credited on the bill (reason: ${String(rec.reasonCode)}; status ${r.status}). Tell the customer it shows on their bill.`, ref: rec.id };
    case 'extension':
      return { kind: 'ok', heading: 'Applied', text: `The bill is now due on ${String(rec.toDate)} (was ${String(rec.fromDate)}).`, ref: rec.id };
    case 'repair': {
      const words: Record<string, string> = {
        resolved: 'Fixed now: the re-test passed.',
        outage: 'A known outage explains it: the customer can be told it is being worked on.',
        suspended: 'The service is suspended for non-payment: it is not a fault.',
        'pending-order': 'An order in progress explains it.',
        ticket: 'A technician is needed: a repair ticket is open.',
      };
      const ticket = (rec.ticket as { id?: string } | undefined)?.id;
      return { kind: 'ok', heading: 'Diagnosed', text: words[r.status] ?? `Outcome: ${r.status}.`, ref: ticket };
    }
    default: {
      const q = rec.quote as Quote | undefined;
      return { kind: 'ok', heading: 'Order placed', text: `${title}: the order is ${r.status}${q ? ` (one-time ${money(q.oneTimeTotal)}, monthly change ${money(q.monthlyDelta)})` : ''}.`, ref: rec.id };
    }
  }
}
