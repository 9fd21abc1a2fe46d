/**
 * What the supervisor's pages show, in words: the wallboard's tiles, the reports' tables and
 * chart data (labels and series, read by web/assets/console-reports.js from data attributes),
 * and the approvals waiting. Pure functions of the use cases' results.
 */
import type { PendingApproval } from '../../domain/staff/approvals';
import type { AnyReport, ContainmentReport, EscalationReasonsReport, FunnelReport, MarketingReport, QueueReport } from '../../domain/reports/reports-api';
import type { Wallboard } from '../../domain/reports/wallboard';
import { clockTime, when } from './console-time';

export const percent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** "45 s", "3 min", "1 h 5 min"; "–" when there is nothing to measure. */
export function duration(sec: number | null): string {
  if (sec === null) return '–';
  if (sec < 60) return `${sec} s`;
  const min = Math.floor(sec / 60);
  return min < 60 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

const CHANNEL_NAMES: Record<string, string> = { voice: 'Phone (IVR)', chat: 'Web chat', portal: 'Portal', api: 'Apps (API)', csr: 'CSR', system: 'System' };
export const channelName = (c: string): string => CHANNEL_NAMES[c] ?? c;
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const procedureName = (p: string): string => (p === 'none' ? 'No procedure' : capital(p.replace(/-/g, ' ')));

export function wallboardView(b: Wallboard, tz: string) {
  return {
    at: b.at,
    atText: clockTime(b.at, tz),
    skills: b.skills.map((s) => ({ ...s, name: capital(s.skill), longest: s.waiting ? duration(s.longestWaitSec) : '–', alert: s.waiting > 0 && s.signedIn - s.busy <= 0 })),
    channels: b.today.channels.map((c) => ({ ...c, name: channelName(c.channel), selfServiceShare: c.contacts ? percent(c.selfService / c.contacts) : '–' })),
    total: { ...b.today.total, selfServiceShare: b.today.total.contacts ? percent(b.today.total.selfService / b.today.total.contacts) : '–' },
    waitingTotal: b.skills.reduce((n, s) => n + s.waiting, 0),
  };
}

export interface ChartSpec {
  type: 'bar' | 'line';
  labels: string[];
  series: { label: string; data: number[] }[];
  /** Values are percentages (0-100). */
  percent?: boolean;
  stacked?: boolean;
  horizontal?: boolean;
}

const pct = (share: number) => Math.round(share * 1000) / 10;

export function containmentView(r: ContainmentReport) {
  return {
    total: { ...r.total, share: percent(r.total.containment) },
    byChannel: r.byChannel.map((c) => ({ ...c, name: channelName(c.channel), share: percent(c.containment) })),
    byProcedure: r.byProcedure.map((c) => ({ ...c, name: procedureName(c.procedure), share: percent(c.containment) })),
    chart: { type: 'line', labels: r.byDay.map((d) => d.day.slice(5)), series: [{ label: 'Finished in self-service (%)', data: r.byDay.map((d) => pct(d.containment)) }], percent: true } satisfies ChartSpec,
    channelChart: {
      type: 'bar', stacked: true, labels: r.byChannel.map((c) => channelName(c.channel)),
      series: [
        { label: 'Self-service', data: r.byChannel.map((c) => c.contained) },
        { label: 'Escalated', data: r.byChannel.map((c) => c.escalated) },
        { label: 'Abandoned', data: r.byChannel.map((c) => c.abandoned) },
        { label: 'Other', data: r.byChannel.map((c) => c.contacts - c.contained - c.escalated - c.abandoned) },
      ],
    } satisfies ChartSpec,
  };
}

export function reasonsView(r: EscalationReasonsReport) {
  return {
    total: r.total,
    items: r.items.map((i) => ({ ...i, share: percent(i.share) })),
    chart: { type: 'bar', horizontal: true, labels: r.items.map((i) => (i.rule === 'none' ? i.reason : `${i.reason} (${i.rule})`)), series: [{ label: 'Escalations', data: r.items.map((i) => i.count) }] } satisfies ChartSpec,
  };
}

export function queueView(r: QueueReport) {
  const row = <T extends { abandonment: number; avgAnswerSec: number | null; avgHandleSec: number | null }>(f: T) => ({ ...f, abandonmentText: percent(f.abandonment), answer: duration(f.avgAnswerSec), handle: duration(f.avgHandleSec) });
  return {
    byChannel: r.byChannel.map((c) => ({ ...row(c), name: channelName(c.channel) })),
    bySkill: r.bySkill.map((s) => ({ ...row(s), name: capital(s.skill) })),
    chart: { type: 'bar', labels: r.bySkill.map((s) => capital(s.skill)), series: [{ label: 'Average handle time (min)', data: r.bySkill.map((s) => Math.round(((s.avgHandleSec ?? 0) / 60) * 10) / 10) }] } satisfies ChartSpec,
  };
}

export function funnelView(r: FunnelReport) {
  return r.procedures.map((p) => ({
    ...p,
    name: procedureName(p.procedure),
    completionText: percent(p.completion),
    steps: p.steps.map((s) => ({ ...s, shareText: percent(s.share) })),
    chart: { type: 'bar', labels: p.steps.map((s) => s.label), series: [{ label: 'Customers reaching the step', data: p.steps.map((s) => s.interactions) }] } satisfies ChartSpec,
  }));
}

export function marketingView(r: MarketingReport) {
  return r.questions.map((q) => ({
    ...q,
    answers: q.answers.map((a) => ({ ...a, shareText: percent(a.share) })),
    chart: { type: 'bar', horizontal: true, labels: q.answers.map((a) => a.label), series: [{ label: 'Answers', data: q.answers.map((a) => a.count) }] } satisfies ChartSpec,
  }));
}

export function reportsView(all: AnyReport[]) {
  const find = <K extends AnyReport['report']>(k: K) => all.find((r) => r.report === k) as Extract<AnyReport, { report: K }>;
  return {
    containment: containmentView(find('containment')),
    reasons: reasonsView(find('escalation-reasons')),
    queue: queueView(find('queue')),
    funnel: funnelView(find('funnel')),
    marketing: marketingView(find('marketing')),
  };
}

export function approvalView(a: PendingApproval, tz: string) {
  const money = a.amount ? new Intl.NumberFormat('en-US', { style: 'currency', currency: a.amount.currency }).format(a.amount.amountMinor / 100) : undefined;
  return {
    id: a.id,
    kind: a.kind,
    what: a.kind === 'adjustment' ? `Credit of ${money} — ${a.reason?.label ?? ''}` : `Payment extension from ${a.extension?.fromDate} to ${a.extension?.toDate}`,
    customer: a.customer ? `${a.customer.name} (account ${a.customer.accountNumber})` : 'Customer no longer on file',
    requestedBy: a.requestedBy.kind === 'csr' ? `CSR ${a.requestedBy.name}` : `Self-service (${channelName(a.requestedBy.channel)})`,
    rule: a.rule,
    requestedAt: a.requestedAt,
    requestedAtText: when(a.requestedAt, tz),
  };
}
