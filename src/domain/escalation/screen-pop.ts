/**
 * The screen pop a CSR gets on accepting an escalation: the context pack rebuilt from the live
 * interaction (the customer may have said more while waiting), plus the account: bills,
 * adjustments, open orders, tickets, services and the contacts of the last 30 days. What
 * relates to the reason comes first and is marked relevant; the console folds the rest.
 */
import type { CareDeps } from '../deps';
import type { Channel, VerificationLevel } from '../shared/actor';
import type { Money } from '../shared/money';
import type { InteractionStep, TranscriptEntry } from '../interactions/interaction';
import type { ProcedureName } from '../procedures/procedure';
import type { ContextPack, Escalation, Skill } from './escalation';
import { fail } from '../shared/errors';
import { decodeProcedure } from '../procedures/procedure-codec';
import { buildContextPack } from './context-pack';

export type SectionKey = 'bills' | 'adjustments' | 'orders' | 'tickets' | 'services' | 'previousInteractions';

export interface ScreenPopSection {
  key: SectionKey;
  relevant: boolean;
  items: Record<string, unknown>[];
}

export interface ScreenPop {
  escalation: { id: string; status: Escalation['status']; channel: Channel; channelRef?: string; skill: Skill; priority: number; reason: string; createdAt: string; waitingSec: number; assignedTo?: string; callback?: { number: string; requestedAt: string; at?: string } };
  customer?: ContextPack['customer'];
  verification: { level: VerificationLevel; how: string };
  /** `refusal`: what self-service refused just before the hand-off (shown first). */
  why: { reason: string; intent?: ProcedureName; recommendedAction: string; refusal?: ContextPack['refusal'] };
  stepsDone: InteractionStep[];
  /** The procedure the customer was in when they escalated, with what they had answered. */
  draft?: { procedure: ProcedureName; status: string; completed: string[]; dataCollected: Record<string, unknown> };
  transcript: TranscriptEntry[];
  /** Relevant sections first, in the order below; then the rest. */
  sections: ScreenPopSection[];
}

/** Which account sections bear on each queue's reason for calling. */
const RELEVANT: Record<Skill, SectionKey[]> = {
  billing: ['bills', 'adjustments'],
  repair: ['tickets', 'services'],
  sales: ['orders', 'services'],
  retention: ['services', 'orders'],
  verification: ['previousInteractions'],
  general: [],
};
const ORDER: SectionKey[] = ['bills', 'adjustments', 'orders', 'tickets', 'services', 'previousInteractions'];
const DAY_MS = 24 * 3600_000;

/** How the customer proved who they are, in words for the CSR. */
function howVerified(level: VerificationLevel, channel: Channel): string {
  if (level === 'none') return 'not identified: ask for the account number and a secret';
  if (level === 'identified') return channel === 'voice' ? "identified by the caller's number only: not proved, ask for the PIN" : 'identified but not proved: ask for the PIN';
  return channel === 'voice' ? 'verified with the account PIN on this call' : channel === 'chat' ? 'verified in chat (PIN, or a signed-in portal session)' : `verified on ${channel}`;
}

const amount = (m: Money) => ({ amountMinor: m.amountMinor, currency: m.currency });

export async function buildScreenPop(deps: Pick<CareDeps, 'stores' | 'clock'>, e: Escalation): Promise<ScreenPop> {
  const i = await deps.stores.interactions.get(e.interactionId);
  if (!i) fail('NOT_FOUND', 'the escalated interaction is gone', { interactionId: e.interactionId });
  // An actor with no customer and no proof: the pack reports only what the interaction proved.
  const { pack, customer } = await buildContextPack(deps, { kind: 'system', channel: 'csr', verification: 'none' }, i, { reason: e.reason, skill: e.skill });
  const now = deps.clock.now();
  const proc = i.procedure ? decodeProcedure(i.procedure) : undefined;

  const sections: ScreenPopSection[] = [];
  if (customer) {
    const cid = customer.id;
    const since = new Date(now.getTime() - 30 * DAY_MS).toISOString();
    const [bills, adjustments, orders, tickets, previous] = await Promise.all([
      deps.stores.bills.find({ customerId: cid }, { sort: { issuedAt: -1 }, limit: 3 }),
      deps.stores.adjustments.find({ customerId: cid }, { sort: { createdAt: -1 }, limit: 10 }),
      deps.stores.orders.find({ customerId: cid, status: { $in: ['acknowledged', 'inProgress'] } }, { sort: { createdAt: -1 } }),
      deps.stores.tickets.find({ customerId: cid, status: { $in: ['open', 'scheduled'] } }),
      deps.stores.interactions.find({ customerId: cid, startedAt: { $gte: since } }, { sort: { startedAt: -1 }, limit: 20 }),
    ]);
    const relevant = new Set(RELEVANT[e.skill]);
    const earlier = previous.filter((p) => p.id !== i.id);
    if (earlier.some((p) => p.intents.some((x) => i.intents.includes(x)))) relevant.add('previousInteractions');
    const items: Record<SectionKey, Record<string, unknown>[]> = {
      bills: bills.map((b) => ({ id: b.id, period: b.period, dueDate: b.dueDate, status: b.status, total: amount(b.total), balance: amount(b.balance) })),
      adjustments: adjustments.map((a) => ({ id: a.id, billId: a.billId, reasonCode: a.reasonCode, amount: amount(a.amount), status: a.status, createdAt: a.createdAt })),
      orders: orders.map((o) => ({ id: o.id, type: o.type, status: o.status, createdAt: o.createdAt, items: o.items.map((x) => x.action) })),
      tickets: tickets.map((t) => ({ id: t.id, serviceId: t.serviceId, symptom: t.symptom, status: t.status, createdAt: t.createdAt, ...(t.appointment ? { appointment: { ...t.appointment } } : {}) })),
      services: customer.services.map((s) => ({ id: s.id, productId: s.productId, status: s.status, ...(s.suspendedReason ? { suspendedReason: s.suspendedReason } : {}) })),
      previousInteractions: earlier.map((p) => ({ id: p.id, channel: p.channel, startedAt: p.startedAt, status: p.status, intents: [...p.intents], ...(p.outcome ? { outcome: p.outcome } : {}) })),
    };
    for (const first of [true, false]) for (const key of ORDER) if (relevant.has(key) === first) sections.push({ key, relevant: first, items: items[key] });
  }

  return {
    escalation: {
      id: e.id,
      status: e.status,
      channel: e.channel,
      ...(e.channelRef ? { channelRef: e.channelRef } : {}),
      skill: e.skill,
      priority: e.priority,
      reason: e.reason,
      createdAt: e.createdAt,
      waitingSec: Math.max(0, Math.round((now.getTime() - Date.parse(e.createdAt)) / 1000)),
      ...(e.assignedTo ? { assignedTo: e.assignedTo } : {}),
      // A callback item: the number the customer left and when they asked to be called.
      ...(e.callback ? { callback: { number: e.callback.number, requestedAt: e.callback.requestedAt, ...(e.callback.at ? { at: e.callback.at } : {}) } } : {}),
    },
    ...(pack.customer ? { customer: pack.customer } : {}),
    verification: { level: pack.verification, how: howVerified(pack.verification, i.channel) },
    why: { reason: e.reason, ...(pack.intent ? { intent: pack.intent } : {}), recommendedAction: pack.recommendedAction, ...(pack.refusal ? { refusal: pack.refusal } : {}) },
    stepsDone: pack.stepsDone,
    ...(proc ? { draft: { procedure: proc.name, status: proc.status, completed: [...proc.completed], dataCollected: pack.dataCollected } } : {}),
    transcript: pack.transcript,
    sections,
  };
}
