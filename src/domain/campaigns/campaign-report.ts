/**
 * A campaign's report, counted from its targets and their attempts: calls placed and how they
 * were answered, what people said, sales on the call and conversions on other channels.
 */
import type { CampaignTarget } from './campaign';

export interface CampaignReport {
  targets: number;
  queued: number;
  dialing: number;
  suppressed: number;
  /** Calls placed (attempts the carrier accepted). */
  dialed: number;
  human: number;
  machine: number;
  /** No answer, busy, failed or cancelled before anyone answered. */
  noAnswer: number;
  voicemails: number;
  /** Ordered on the campaign's call. */
  sales: number;
  /** Ordered the offer on another channel (voice, chat, portal, API) while targeted. */
  inboundConversions: number;
  /** Not interested, or asked not to be called again. */
  declined: number;
  doNotCall: number;
  callLater: number;
  exhausted: number;
  suppressedBy: Record<string, number>;
}

export function campaignReport(targets: readonly CampaignTarget[]): CampaignReport {
  const attempts = targets.flatMap((t) => t.attempts);
  const placed = attempts.filter((a) => a.status !== 'placing' && a.status !== 'not-placed');
  const by = (s: CampaignTarget['status']) => targets.filter((t) => t.status === s).length;
  const suppressedBy: Record<string, number> = {};
  for (const t of targets) if (t.status === 'suppressed' && t.suppressedReason) suppressedBy[t.suppressedReason] = (suppressedBy[t.suppressedReason] ?? 0) + 1;
  return {
    targets: targets.length,
    queued: by('queued'),
    dialing: by('dialing'),
    suppressed: by('suppressed'),
    dialed: placed.length,
    human: placed.filter((a) => a.answeredBy === 'human').length,
    machine: placed.filter((a) => a.answeredBy === 'machine').length,
    noAnswer: placed.filter((a) => !a.answeredBy && (a.status === 'no-answer' || a.status === 'busy' || a.status === 'failed' || a.status === 'canceled')).length,
    voicemails: placed.filter((a) => a.voicemailAt).length,
    sales: targets.filter((t) => t.conversion?.via === 'campaign-call').length,
    inboundConversions: targets.filter((t) => t.conversion && t.conversion.via !== 'campaign-call').length,
    declined: by('declined') + by('do-not-call'),
    doNotCall: by('do-not-call'),
    callLater: attempts.filter((a) => a.outcome === 'call-later').length,
    exhausted: by('exhausted'),
    suppressedBy,
  };
}

/** The one line `npm run campaign:demo` prints. */
export const summaryLine = (r: CampaignReport): string =>
  `dialed ${r.dialed}  human ${r.human}  machine ${r.machine}  no-answer ${r.noAnswer}  sale ${r.sales}  declined ${r.declined}  suppressed ${r.suppressed}`;
