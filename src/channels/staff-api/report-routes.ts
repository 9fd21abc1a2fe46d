/**
 * The supervisor's reports as JSON (or CSV with ?format=csv) under /api/v1/staff/reports/...,
 * for a date range (?from=YYYY-MM-DD&to=YYYY-MM-DD, both included; default the last 28 days),
 * and the live wallboard's figures. A CSR gets 403.
 */
import { z } from 'zod';
import type { Request } from 'express';
import { HttpProblem } from '../../shared/http/problem';
import { REPORT_NAMES, type ReportName } from '../../domain/reports/reports-api';
import type { StaffRoute } from './staff-routes';
import { reportCsv } from './report-csv';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
export const reportQuery = z.strictObject({
  from: day.optional().meta({ description: 'First day (UTC), included; default 27 days before `to`' }),
  to: day.optional().meta({ description: 'Last day (UTC), included; default today' }),
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: the report as a spreadsheet table (text/csv)' }),
});

function parseQuery(req: Request): z.output<typeof reportQuery> {
  const result = reportQuery.safeParse(req.query ?? {});
  if (result.success) return result.data;
  const errors = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ path: `query.${k}`, message: 'unknown field' })) : [{ path: ['query', ...issue.path.map(String)].join('.'), message: issue.message }],
  );
  throw new HttpProblem(400, 'VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}

const SUMMARIES: Record<ReportName, string> = {
  containment: 'Supervisor: share of contacts finished in self-service, by channel, procedure and day',
  'escalation-reasons': 'Supervisor: the ten most frequent escalation reasons, with the refusal rule behind each',
  queue: 'Supervisor: queued calls and chats: abandonment and time to answer per channel; average handle time per skill',
  funnel: 'Supervisor: each procedure from started through each step to finished, to see where customers give up',
  marketing: 'Supervisor: answers to the discontinuation questions and to the next-best offer',
};

const operationId = (name: ReportName) => `staffReport${name.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;

export const REPORT_ROUTES: readonly StaffRoute[] = [
  ...REPORT_NAMES.map(
    (name): StaffRoute => ({
      method: 'get', path: `/reports/${name}`, operationId: operationId(name), auth: 'staff', status: 200, problems: [403, 422], query: reportQuery,
      summary: SUMMARIES[name],
      handle: async ({ req, res, session, deps }) => {
        const query = parseQuery(req);
        const report = await deps.reports.report(session.staff, name, query);
        if (query.format === 'json') return report;
        res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}-${report.range.from}-${report.range.to}.csv"`).send(reportCsv(report));
        return undefined;
      },
    }),
  ),
  {
    method: 'get', path: '/wallboard', operationId: 'staffWallboard', auth: 'staff', status: 200, problems: [403],
    summary: 'Supervisor: the wallboard now: per skill waiting, longest wait, CSRs signed in and busy, callbacks due; today per channel contacts, self-service, escalated, abandoned',
    handle: async ({ session, deps }) => deps.wallboard.board(session.staff),
  },
];
