/**
 * A report as CSV (RFC 4180, CRLF, a header row): one table per report, the rows a spreadsheet
 * would want. Cells that a spreadsheet would run as a formula are prefixed with a quote.
 */
import type { AnyReport } from '../../domain/reports/reports-api';

type Cell = string | number | null;

function cell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csv = (header: string[], rows: Cell[][]): string => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

export function reportCsv(report: AnyReport): string {
  switch (report.report) {
    case 'containment':
      return csv(
        ['group', 'key', 'contacts', 'contained', 'escalated', 'abandoned', 'containment'],
        [
          ['total', 'all', report.total.contacts, report.total.contained, report.total.escalated, report.total.abandoned, report.total.containment],
          ...report.byChannel.map((r): Cell[] => ['channel', r.channel, r.contacts, r.contained, r.escalated, r.abandoned, r.containment]),
          ...report.byProcedure.map((r): Cell[] => ['procedure', r.procedure, r.contacts, r.contained, r.escalated, r.abandoned, r.containment]),
          ...report.byDay.map((r): Cell[] => ['day', r.day, r.contacts, r.contained, r.escalated, r.abandoned, r.containment]),
        ],
      );
    case 'escalation-reasons':
      return csv(['reason', 'rule', 'count', 'share'], report.items.map((r) => [r.reason, r.rule, r.count, r.share]));
    case 'queue':
      return csv(
        ['group', 'key', 'queued', 'answered', 'abandoned', 'abandonment', 'avgAnswerSec', 'handled', 'avgHandleSec'],
        [
          ...report.byChannel.map((r): Cell[] => ['channel', r.channel, r.queued, r.answered, r.abandoned, r.abandonment, r.avgAnswerSec, r.handled, r.avgHandleSec]),
          ...report.bySkill.map((r): Cell[] => ['skill', r.skill, r.queued, r.answered, r.abandoned, r.abandonment, r.avgAnswerSec, r.handled, r.avgHandleSec]),
        ],
      );
    case 'funnel':
      return csv(['procedure', 'step', 'interactions', 'shareOfStarted'], report.procedures.flatMap((p) => p.steps.map((s): Cell[] => [p.procedure, s.label, s.interactions, s.share])));
    case 'marketing':
      return csv(['question', 'answer', 'count', 'share'], report.questions.flatMap((q) => q.answers.map((a): Cell[] => [q.questionId, a.answerId, a.count, a.share])));
  }
}
