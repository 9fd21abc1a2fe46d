/**
 * The supervisor's pages in the console: the live wallboard (/console/wallboard, refreshed by
 * Server-Sent Events from the event port and a few lines of script, web/assets/console-wallboard.js),
 * the reports (/console/reports: a date range, tables, charts drawn by Chart.js served from
 * node_modules, CSV downloads) and the approvals (/console/approvals: approve or reject with a
 * note). A CSR who opens them gets a 403 page; the use cases check the role too.
 */
import { type NextFunction, type Request, type Response, type Router } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { EventPort } from '../../domain/events/care-events';
import type { Approvals } from '../../domain/staff/approvals';
import type { AuditLog } from '../../domain/staff/audit';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { StaffView } from '../../domain/staff/staff';
import type { Reports } from '../../domain/reports/reports-api';
import type { Wallboard } from '../../domain/reports/wallboard';
import { REPORT_NAMES, type AnyReport, type ReportName } from '../../domain/reports/reports-api';
import { isDomainError } from '../../domain/shared/errors';
import { withNotice, type FlashMessages, type Views } from '../../shared/pages';
import type { StaffSession } from '../staff-api/staff-auth';
import { SSE_HEADERS, staffStreamLifecycle, type QueueStreams } from '../staff-api/queue-events';
import { reportCsv } from '../staff-api/report-csv';
import { approvalView, reportsView, wallboardView } from './supervisor-views';
import { zoneName, type TimeZoneOf } from './console-time';

export interface SupervisorConsoleDeps {
  approvals: Approvals;
  reports: Reports;
  wallboard: { board(staff: StaffView): Promise<Wallboard> };
  audit: AuditLog;
}

export const SUPERVISOR_NOTICES: FlashMessages = {
  approved: { kind: 'ok', text: 'Approved: it goes to billing now, and the customer is told.' },
  rejected: { kind: 'ok', text: 'Rejected: the reason is recorded, and the customer is told.' },
  'approval-decided': { kind: 'error', text: 'That request was already decided (perhaps by another supervisor).' },
  'approval-own': { kind: 'error', text: 'That request is your own: another supervisor decides it.' },
  'approval-gone': { kind: 'error', text: 'That request no longer exists.' },
};

type Page = (req: Request, res: Response, view: string, data: Record<string, unknown>, status?: number) => void;
type Run = (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void;

export interface SupervisorRouteContext {
  deps: SupervisorConsoleDeps;
  /** The operator's time zone: the wallboard's clock, the approvals' times and the reports' days are in it. */
  timeZone: TimeZoneOf;
  desk: StaffDesk;
  events: EventPort;
  streams: QueueStreams;
  views: Views;
  withSession: (kind: 'page' | 'data') => (req: Request, res: Response, next: NextFunction) => void;
  run: Run;
  page: Page;
  problem: (req: Request, res: Response, status: number, heading: string, text?: string) => void;
  csrfToken: (req: Request, res: Response) => string;
}

/** The Chart.js build for browsers, from the installed package (its exports do not expose the path). */
export function chartJsFile(): string {
  let dir = path.dirname(require.resolve('chart.js'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'chart.umd.min.js');
}

const rangeForm = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });
const decisionForm = z.object({ decision: z.enum(['approve', 'reject']).optional(), note: z.string().max(1000).default('') });
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const WALLBOARD_EVENTS = new Set(['escalation.queued', 'escalation.assigned', 'escalation.resolved', 'escalation.abandoned', 'interaction.updated']);

export function addSupervisorRoutes(router: Router, ctx: SupervisorRouteContext): void {
  const { deps, withSession, run, page, problem } = ctx;
  const staffOf = (res: Response): StaffView => (res.locals.session as StaffSession).staff;
  const supervisorPage = (req: Request, res: Response, next: NextFunction): void => {
    if (staffOf(res).role === 'supervisor') return next();
    problem(req, res, 403, 'For supervisors only', 'The wallboard, the reports and the approvals are for supervisors. Your queue is where your customers wait.');
  };
  const supervisorData = (_req: Request, res: Response, next: NextFunction): void => {
    if (staffOf(res).role === 'supervisor') return next();
    res.status(403).type('text/plain').send('For supervisors only.\n');
  };

  const chartJs = chartJsFile();
  router.get('/vendor/chart.umd.min.js', (_req, res, next) => {
    res.sendFile(chartJs, { maxAge: '1d', headers: { 'Content-Type': 'text/javascript; charset=utf-8' } }, (e) => e && next(e));
  });

  // The wallboard: a page, the board as a fragment, and a stream that says when to fetch it again.
  const boardData = async (res: Response) => wallboardView(await deps.wallboard.board(staffOf(res)), ctx.timeZone());
  router.get('/wallboard', withSession('page'), supervisorPage, run(async (req, res) => {
    const staff = staffOf(res);
    await deps.audit.record({ staffId: staff.id, username: staff.username, action: 'wallboard.view', result: 'ok' });
    page(req, res, 'wallboard', { title: 'Wallboard', current: 'wallboard', wall: true, scripts: ['/console/assets/console-wallboard.js'], styles: ['/console/assets/supervisor.css'], board: await boardData(res) });
  }));
  router.get('/wallboard/board', withSession('data'), supervisorData, run(async (_req, res) => {
    res.type('html').send(ctx.views.render('console/wallboard-board', { board: await boardData(res) }));
  }));
  router.get('/wallboard/events', withSession('data'), supervisorData, run(async (req, res) => {
    const session = res.locals.session as StaffSession;
    const unsubscribe = ctx.events.subscribe((event) => {
      if (WALLBOARD_EVENTS.has(event.type)) res.write(`event: change\ndata: ${JSON.stringify({ type: event.type, at: event.at })}\n\n`);
    });
    staffStreamLifecycle(req, res, { streams: ctx.streams, ref: session.ref, live: () => ctx.desk.sessions.authenticate(session.staff.id, session.ref), unsubscribe, write: (chunk) => void res.write(chunk) });
    res.status(200).set(SSE_HEADERS);
    res.flushHeaders();
    res.write('retry: 3000\nevent: ready\ndata: {}\n\n');
  }));

  // Reports: the range from the form (GET), every report on one page, CSV per report.
  const rangeOf = (req: Request) => {
    const parsed = rangeForm.safeParse(req.query);
    const input = parsed.success ? { ...(parsed.data.from ? { from: parsed.data.from } : {}), ...(parsed.data.to ? { to: parsed.data.to } : {}) } : {};
    return { ...input, timeZone: ctx.timeZone() };
  };
  router.get('/reports', withSession('page'), supervisorPage, run(async (req, res) => {
    const staff = staffOf(res);
    const input = rangeOf(req);
    let error: string | undefined;
    let range = input;
    const first = await deps.reports.report(staff, 'containment', input).catch((e: unknown) => {
      if (!isDomainError(e) || e.code !== 'VALIDATION_FAILED') throw e;
      error = `The dates were not valid (${e.message}); showing the last four weeks instead.`;
      range = { timeZone: input.timeZone };
      return deps.reports.report(staff, 'containment', range);
    });
    const all: AnyReport[] = [first];
    for (const name of REPORT_NAMES.slice(1)) all.push(await deps.reports.report(staff, name, range));
    const shown = all[0]!.range;
    const query = `from=${shown.from}&to=${shown.to}`;
    page(req, res, 'reports', {
      title: 'Reports', current: 'reports', scripts: ['/console/vendor/chart.umd.min.js', '/console/assets/console-reports.js'], styles: ['/console/assets/supervisor.css'],
      range: shown, zone: zoneName(input.timeZone), query, error, given: input, r: reportsView(all),
    }, error ? 422 : 200);
  }));
  router.get('/reports/:name.csv', withSession('page'), supervisorPage, run(async (req, res) => {
    const name = REPORT_NAMES.find((n) => n === req.params.name) as ReportName | undefined;
    if (!name) return problem(req, res, 404, 'No such report', 'Go back to the reports and pick one of the downloads there.');
    try {
      const report = await deps.reports.report(staffOf(res), name, rangeOf(req));
      res.status(200).type('text/csv; charset=utf-8').set('Content-Disposition', `attachment; filename="${name}-${report.range.from}-${report.range.to}.csv"`).send(reportCsv(report));
    } catch (e) {
      if (!isDomainError(e) || e.code !== 'VALIDATION_FAILED') throw e;
      problem(req, res, 422, 'The dates are not valid', `${e.message}. Go back to the reports and choose the dates again.`);
    }
  }));

  // Approvals: what waits, each with a decision form.
  const approvalsPage = async (req: Request, res: Response, form?: { id: string; decision?: string; note: string; error: string }, status = 200) => {
    const items = (await deps.approvals.pending(staffOf(res))).map((a) => approvalView(a, ctx.timeZone()));
    page(req, res, 'approvals', { title: form ? 'Approvals (not sent)' : 'Approvals', current: 'approvals', styles: ['/console/assets/supervisor.css'], items, form, csrf: ctx.csrfToken(req, res) }, status);
  };
  router.get('/approvals', withSession('page'), supervisorPage, run(async (req, res) => approvalsPage(req, res)));
  router.post('/approvals/:id', withSession('page'), supervisorPage, run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return res.redirect(303, withNotice('/console/approvals', 'approval-gone'));
    const parsed = decisionForm.safeParse(req.body ?? {});
    const form = { id: id.data, decision: parsed.success ? parsed.data.decision : undefined, note: parsed.success ? parsed.data.note : '' };
    if (!parsed.success || !form.decision) return approvalsPage(req, res, { ...form, error: 'Choose approve or reject, and keep the note under 1,000 characters.' }, 422);
    try {
      await deps.approvals.decide(staffOf(res), id.data, { decision: form.decision, ...(form.note.trim() ? { note: form.note } : {}) });
      res.redirect(303, withNotice('/console/approvals', form.decision === 'approve' ? 'approved' : 'rejected'));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      if (e.code === 'VALIDATION_FAILED') return approvalsPage(req, res, { ...form, error: 'Write why it is rejected: the customer is told.' }, 422);
      const notice = { CONFLICT: 'approval-decided', NOT_PERMITTED: 'approval-own', NOT_FOUND: 'approval-gone' }[e.code as string];
      if (!notice) throw e;
      res.redirect(303, withNotice('/console/approvals', notice));
    }
  }));
}
