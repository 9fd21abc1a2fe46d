/**
 * The screen pop in words for the page: labelled facts, the refusal first, the transcript with
 * who said it, and the account sections as small tables (the related ones open, the rest folded).
 * Pure functions of the domain's ScreenPop; the template only lays them out.
 */
import type { ScreenPop, ScreenPopSection, SectionKey } from '../../domain/escalation/screen-pop';
import type { QueueItem } from '../../domain/staff/staff-desk';
import { formatPhone } from '../../shared/format/locale-format';
import { dayOf, timeWindow, when } from './console-time';

type Row = Record<string, unknown>;
type Column = [string, (r: Row, tz: string) => string];
const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function money(v: unknown): string {
  const m = v as { amountMinor?: unknown; currency?: unknown } | undefined;
  if (!m || typeof m.amountMinor !== 'number' || typeof m.currency !== 'string') return str(v);
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency }).format(m.amountMinor / 100);
}

const day = (iso: unknown, tz: string): string => (iso ? dayOf(str(iso), tz) : '');
/** A booked visit as its window; anything else as it came. */
const appointment = (a: unknown, tz: string): string => {
  const v = a as Row | undefined;
  if (!v) return '';
  return typeof v.start === 'string' && typeof v.end === 'string' ? timeWindow(v.start, v.end, tz) : str(v.date ?? v.slot ?? a);
};

export function waiting(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

const SECTIONS: Record<SectionKey, { title: string; columns: Column[] }> = {
  bills: { title: 'Bills', columns: [['Period', (r) => str(r.period)], ['Due', (r) => str(r.dueDate).slice(0, 10)], ['Status', (r) => str(r.status)], ['Total', (r) => money(r.total)], ['Balance', (r) => money(r.balance)]] },
  adjustments: { title: 'Adjustments', columns: [['Reason', (r) => str(r.reasonCode)], ['Amount', (r) => money(r.amount)], ['Status', (r) => str(r.status)], ['Created', (r, tz) => day(r.createdAt, tz)]] },
  orders: { title: 'Open orders', columns: [['Order', (r) => str(r.id)], ['Type', (r) => str(r.type)], ['Status', (r) => str(r.status)], ['Items', (r) => (Array.isArray(r.items) ? r.items.join(', ') : '')], ['Created', (r, tz) => day(r.createdAt, tz)]] },
  tickets: { title: 'Open tickets', columns: [['Ticket', (r) => str(r.id)], ['Symptom', (r) => str(r.symptom)], ['Status', (r) => str(r.status)], ['Appointment', (r, tz) => appointment(r.appointment, tz)], ['Opened', (r, tz) => day(r.createdAt, tz)]] },
  services: { title: 'Services', columns: [['Service', (r) => str(r.id)], ['Product', (r) => str(r.productId)], ['Status', (r) => str(r.status) + (r.suspendedReason ? ` (${str(r.suspendedReason)})` : '')]] },
  previousInteractions: { title: 'Contacts in the last 30 days', columns: [['When', (r, tz) => when(str(r.startedAt), tz)], ['Channel', (r) => str(r.channel)], ['About', (r) => (Array.isArray(r.intents) ? r.intents.join(', ') : '') || 'unknown'], ['Status', (r) => str(r.status)], ['Outcome', (r) => str(r.outcome)]] },
};

const section = (s: ScreenPopSection, tz: string) => {
  const spec = SECTIONS[s.key];
  return { key: s.key, relevant: s.relevant, title: spec.title, columns: spec.columns.map(([c]) => c), rows: s.items.map((r) => spec.columns.map(([, f]) => f(r, tz))) };
};

const WHO: Record<string, string> = { customer: 'Customer', system: 'Assistant', csr: 'CSR' };
const label = (key: string): string => key.replace(/[-_.]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const NEXT_STEP: Record<string, string> = { 'pay-balance': 'pay the balance', agent: 'talk to a person', 'choose-other': 'choose another option', 'change-service': 'change the service', 'try-later': 'try again later' };

/** The screen pop in words, its times in the operator's zone `tz`. */
export function screenPopView(pop: ScreenPop, tz: string) {
  const e = pop.escalation;
  const c = pop.customer;
  const refused = (text: string): boolean => Boolean(pop.why.refusal && text.includes(pop.why.refusal.reason));
  return {
    id: e.id,
    status: e.status,
    closed: e.status === 'resolved' || e.status === 'abandoned',
    title: c ? c.name : 'Unidentified customer',
    subtitle: `${e.channel === 'voice' ? 'Call' : e.channel === 'chat' ? 'Chat' : e.channel} in the ${e.skill} queue, waited ${waiting(e.waitingSec)}`,
    facts: [
      // A callback: the number the customer left (not always the one on file) and the time they asked for.
      ...(e.callback ? [{ label: 'Call back', value: `${formatPhone(e.callback.number)}, ${e.callback.at ? when(e.callback.at, tz) : 'as soon as possible'}` }] : []),
      { label: 'Customer', value: c ? `${c.name}, account ${c.accountNumber}` : 'not identified' },
      { label: 'Verified', value: pop.verification.how },
      ...(c ? [{ label: 'Account status', value: c.accountStatus }, { label: 'Phone', value: c.phones.map(formatPhone).join(', ') || 'none on file' }] : []),
      { label: 'Queue', value: `${e.skill}, priority ${e.priority}` },
    ],
    why: {
      ...pop.why,
      refusal: pop.why.refusal ? { ...pop.why.refusal, nextSteps: pop.why.refusal.nextSteps.map((s) => NEXT_STEP[s] ?? s) } : undefined,
      // The refusal already says it: the reason and the recommendation repeat it then.
      reasonShown: !refused(pop.why.reason),
      recommendedShown: !refused(pop.why.recommendedAction),
    },
    steps: pop.stepsDone.map((s) => ({ at: s.at, time: when(s.at, tz), text: `${label(s.name)}${s.procedure ? ` (${s.procedure})` : ''}` })),
    draft: pop.draft ? { procedure: pop.draft.procedure, status: pop.draft.status, completed: pop.draft.completed, data: Object.entries(pop.draft.dataCollected).map(([k, v]) => ({ label: label(k), value: str(v) })) } : undefined,
    transcript: pop.transcript.map((t) => ({ at: t.at, time: when(t.at, tz), from: t.from, who: WHO[t.from] ?? t.from, text: t.text })),
    sections: pop.sections.map((x) => section(x, tz)),
  };
}

export function queueItemView(item: QueueItem, tz: string) {
  return {
    id: item.id,
    customerLine: item.customer ? `${item.customer.name} (account ${item.customer.accountNumber})` : 'Unidentified customer',
    reason: item.reason,
    channel: item.channel,
    skill: item.skill,
    priority: item.priority,
    waiting: waiting(item.waitingSec),
    waitingSec: item.waitingSec,
    // A callback is a call the CSR places: the number, and the time the customer asked for.
    callback: item.callback ? { number: formatPhone(item.callback.number), at: item.callback.at ? when(item.callback.at, tz) : 'as soon as possible' } : undefined,
  };
}
