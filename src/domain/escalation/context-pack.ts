import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import type { Customer } from '../customers/customer';
import type { Interaction } from '../interactions/interaction';
import type { ProcedureName } from '../procedures/procedure';
import type { ContextPack, Skill } from './escalation';
import { fullName } from '../customers/customer';
import { VERIFICATION_LEVELS, levelAtLeast } from '../shared/actor';
import { repairSummaryOf } from '../procedures/definitions/repair';
import { decodeProcedure } from '../procedures/procedure-codec';
import { readTranscript } from '../interactions/interactions-api';
import { latestRefusal } from '../shared/refusal';

/** The one procedure -> skill map (every channel's escalations are queued by it). */
export const SKILL_OF: Record<ProcedureName, Skill> = {
  'bill-inquiry': 'billing',
  'bill-adjustment': 'billing',
  'payment-extension': 'billing',
  'new-service': 'sales',
  'modify-service': 'sales',
  'discontinue-service': 'retention',
  repair: 'repair',
  'new-customer': 'sales',
};
/** Lower is more urgent; an overdue account or an outage moves one step up. */
const BASE_PRIORITY: Record<Skill, number> = { verification: 2, repair: 2, retention: 2, billing: 3, sales: 3, general: 4 };
const VERIFICATION_TROUBLE = /lock|verif\w*\.fail|failed-verification|verification-failed/i;

export interface PackResult {
  pack: ContextPack;
  priority: number;
  customer: Customer | null;
}

/** Everything a CSR needs so the customer never repeats themselves, and where to route it. */
export async function buildContextPack(
  deps: Pick<CareDeps, 'stores' | 'clock'> & Partial<Pick<CareDeps, 'rules'>>,
  actor: Actor,
  i: Interaction,
  input: { reason?: string; skill?: Skill },
): Promise<PackResult> {
  const customerId = i.customerId ?? actor.customerId;
  const customer = customerId ? await deps.stores.customers.get(customerId) : null;
  const now = deps.clock.now().toISOString();
  const locked = !!customer?.lockout.lockedUntil && customer.lockout.lockedUntil > now;
  const verification = [i.verification, actor.customerId === customerId ? actor.verification : 'none'].reduce((a, b) => (levelAtLeast(a, b) ? a : b), VERIFICATION_LEVELS[0]);
  const troubled = locked || (verification !== 'verified' && (i.steps.some((s) => VERIFICATION_TROUBLE.test(s.name)) || /lock|verif/i.test(input.reason ?? '')));

  const refusal = latestRefusal(i.steps) ?? undefined;
  const proc = i.procedure ? decodeProcedure(i.procedure) : undefined;
  const intent = proc?.name ?? i.intents[i.intents.length - 1];
  const skill: Skill = input.skill ?? (troubled ? 'verification' : intent ? SKILL_OF[intent] : 'general');
  const repair = proc ? repairSummaryOf(proc.answers) : null;

  const dataCollected: Record<string, unknown> = {};
  for (const field of proc?.completed ?? []) {
    const entry = { value: proc?.answers[field] ?? null, label: proc?.labels?.[field] ?? String(proc?.answers[field] ?? '') };
    // 'config.router' is kept as config: { router } (document stores refuse dotted keys).
    const [head, ...rest] = field.split('.');
    if (rest.length === 0) dataCollected[field] = entry;
    else dataCollected[head as string] = { ...(dataCollected[head as string] as Record<string, unknown> | undefined), [rest.join('-')]: entry };
  }
  const retention = proc?.answers.$retention as { label?: string } | null | undefined;
  if (retention?.label) dataCollected.retentionOffer = retention.label;
  if (repair) dataCollected.repair = { resolution: repair.resolution, cause: repair.cause, explanation: repair.explanation, ticketId: repair.ticketId };
  if (proc?.result) dataCollected.result = { outcome: proc.result.outcome, ...proc.result.refs };

  let snapshot: ContextPack['snapshot'];
  let overdue = false;
  if (customer) {
    const bills = await deps.stores.bills.find({ customerId: customer.id }, { sort: { issuedAt: -1 } });
    const latest = bills[0];
    const open = await deps.stores.orders.find({ customerId: customer.id, status: { $in: ['acknowledged', 'inProgress'] } });
    const today = now.slice(0, 10);
    overdue = bills.some((b) => b.status === 'overdue' || (b.balance.amountMinor > 0 && b.dueDate < today));
    snapshot = {
      services: customer.services.map((s) => ({ id: s.id, productId: s.productId, status: s.status })),
      balanceMinor: latest?.balance.amountMinor ?? 0,
      currency: latest?.balance.currency ?? 'USD',
      openOrderIds: open.map((o) => o.id),
    };
  }
  const outage = repair?.resolution === 'outage' || !!repair?.diagnostics.outage;

  const pack: ContextPack = {
    ...(customer
      ? { customer: { id: customer.id, name: fullName(customer), accountNumber: customer.accountNumber, phones: [...customer.phones], locale: customer.locale, accountStatus: customer.accountStatus } }
      : {}),
    verification,
    ...(intent ? { intent } : {}),
    stepsDone: [...i.steps],
    dataCollected,
    ...(repair ? { diagnostics: repair.diagnostics } : {}),
    transcript: await readTranscript(deps.stores, i.id),
    ...(refusal ? { refusal } : {}),
    recommendedAction: recommend(i, { locked, troubled, skill, reason: input.reason, refusal }),
    skill,
    ...(snapshot ? { snapshot } : {}),
  };
  const facts = {
    skill,
    channel: i.channel,
    verification,
    repeatContact24h: customer ? await contactedWithin24h(deps, customer.id, i) : false,
    refusedSelfService: proc?.result?.outcome === 'escalate',
    overdue,
    outage,
  };
  // The operator's priority rules (rules/escalation-priority.json) raise it further.
  const raised = deps.rules ? (await deps.rules.decide('escalation-priority', facts)).reduce((n, d) => n + Number(d.params.by ?? 0), 0) : 0;
  return { pack, priority: Math.max(1, BASE_PRIORITY[skill] - (overdue || outage ? 1 : 0) - raised), customer };
}

/** Did the customer start another contact in the 24 hours before this one? */
async function contactedWithin24h(deps: Pick<CareDeps, 'stores'>, customerId: string, i: Interaction): Promise<boolean> {
  const since = new Date(Date.parse(i.startedAt) - 24 * 3600_000).toISOString();
  const earlier = await deps.stores.interactions.find({ customerId, startedAt: { $gte: since } });
  return earlier.some((other) => other.id !== i.id && other.startedAt <= i.startedAt);
}

/** One line telling the CSR what is left to do. */
function recommend(i: Interaction, s: { locked: boolean; troubled: boolean; skill: Skill; reason?: string; refusal?: ContextPack['refusal'] }): string {
  if (s.locked) return 'verify identity: account locked';
  if (s.troubled && s.skill === 'verification') return 'verify identity: verification failed';
  const proc = i.procedure ? decodeProcedure(i.procedure) : undefined;
  if (!proc) return `assist customer: ${s.reason ?? 'no procedure started'}`;
  const refs = proc.result?.refs ?? {};
  const outcome = proc.result?.outcome;
  if (outcome === 'pending-approval' && refs.adjustmentId) return `approve pending adjustment ${refs.adjustmentId}`;
  if (proc.name === 'discontinue-service' && proc.answers.retention === false) return 'complete discontinuation: retention declined';
  if (proc.name === 'payment-extension' && outcome === 'escalate') return `review payment extension: not eligible (${String(proc.final?.facts.reason ?? 'unknown')})`;
  if (s.refusal) return `self-service refused (${s.refusal.reasonCode}): ${s.refusal.reason}; help with: ${s.refusal.nextSteps.join(', ') || 'other options'}`;
  const repair = repairSummaryOf(proc.answers);
  if (repair?.resolution === 'ticket' && repair.ticketId) return `schedule technician for ticket ${repair.ticketId}`;
  if (repair?.resolution === 'outage') return `inform outage${repair.eta ? `: restoration expected ${repair.eta}` : ''}`;
  if (repair) return `review repair diagnosis: ${repair.cause}`;
  if (outcome === 'declined') return `follow up: customer declined ${proc.name}`;
  if (proc.status === 'open') {
    const last = proc.completed[proc.completed.length - 1];
    return `complete ${proc.name}${last ? ` (answered up to ${last})` : ''}`;
  }
  return `assist customer: ${s.reason ?? proc.name}`;
}
