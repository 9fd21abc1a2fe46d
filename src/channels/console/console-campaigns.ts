/**
 * The supervisor's campaigns in the console: each campaign with its report, and pause/resume as
 * plain forms (CSRF) over the same campaigns use cases as the staff API. A CSR gets 403.
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Campaigns } from '../../domain/campaigns/campaigns-api';
import type { Campaign } from '../../domain/campaigns/campaign';
import type { CampaignReport } from '../../domain/campaigns/campaign-report';
import type { StaffSession } from '../staff-api/staff-auth';
import { isDomainError } from '../../domain/shared/errors';
import { withNotice, type FlashMessages } from '../../shared/pages';
import { when, type TimeZoneOf } from './console-time';

export const CAMPAIGN_NOTICES: FlashMessages = {
  'campaign-paused': { kind: 'ok', text: 'Campaign paused: no further calls are placed.' },
  'campaign-resumed': { kind: 'ok', text: 'Campaign resumed: calls go on within its window and pacing.' },
  'campaign-ended': { kind: 'error', text: 'That campaign has ended; it cannot be paused or resumed.' },
  'campaign-gone': { kind: 'error', text: 'That campaign no longer exists.' },
};

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
type Middleware = (req: Request, res: Response, next: NextFunction) => void;
type Run = (h: (req: Request, res: Response) => Promise<void>) => Middleware;

function reportFacts(r: CampaignReport): { label: string; value: number }[] {
  return [
    { label: 'Targets', value: r.targets },
    { label: 'Still to call', value: r.queued + r.dialing },
    { label: 'Calls placed', value: r.dialed },
    { label: 'Answered by a person', value: r.human },
    { label: 'Answering machines', value: r.machine },
    { label: 'No answer or busy', value: r.noAnswer },
    { label: 'Sales on the call', value: r.sales },
    { label: 'Bought on another channel', value: r.inboundConversions },
    { label: 'Declined', value: r.declined },
    { label: 'Suppressed', value: r.suppressed },
  ];
}

export function campaignCardView(c: Campaign & { offerName: string; report: CampaignReport }, tz: string) {
  const offer = c.offer.kind === 'new-service' ? `New service: ${c.offerName}` : `Change to ${c.offerName}`;
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    offer,
    window: `${c.window.from}–${c.window.to} in the customer's time zone (default ${c.window.defaultTimeZone})`,
    period: `${when(c.startAt, tz)} to ${when(c.endAt, tz)}`,
    pacing: `${c.pacing.callsPerMinute} calls a minute, at most ${c.maxAttempts} per customer`,
    facts: reportFacts(c.report),
    action: c.status === 'active' ? 'pause' : c.status === 'paused' ? 'resume' : undefined,
  };
}

export function addCampaignRoutes(router: Router, deps: {
  campaigns?: Campaigns;
  timeZone: TimeZoneOf;
  withSession: (kind: 'page' | 'data') => Middleware;
  run: Run;
  page: (req: Request, res: Response, view: string, data: Record<string, unknown>, status?: number) => void;
  forbidden: (req: Request, res: Response) => void;
  path: string;
}): void {
  const { campaigns, run } = deps;
  if (!campaigns) return;
  const staffOf = (res: Response) => (res.locals.session as StaffSession).staff;

  router.get('/campaigns', deps.withSession('page'), run(async (req, res) => {
    const staff = staffOf(res);
    if (staff.role !== 'supervisor') return deps.forbidden(req, res);
    const items = await Promise.all((await campaigns.list(staff)).map(async (c) => campaignCardView(await campaigns.get(staff, c.id), deps.timeZone())));
    deps.page(req, res, 'campaigns', { title: 'Campaigns', current: 'campaigns', items });
  }));

  for (const action of ['pause', 'resume'] as const) {
    router.post(`/campaigns/:id/${action}`, deps.withSession('page'), run(async (req, res) => {
      const staff = staffOf(res);
      if (staff.role !== 'supervisor') return deps.forbidden(req, res);
      const id = idSchema.safeParse(req.params.id);
      const back = `${deps.path}/campaigns`;
      if (!id.success) return res.redirect(303, withNotice(back, 'campaign-gone'));
      try {
        await campaigns[action](staff, id.data);
        res.redirect(303, withNotice(back, action === 'pause' ? 'campaign-paused' : 'campaign-resumed'));
      } catch (e) {
        const notice = isDomainError(e) ? { CONFLICT: 'campaign-ended', NOT_FOUND: 'campaign-gone' }[e.code as string] : undefined;
        if (!notice) throw e;
        res.redirect(303, withNotice(back, notice));
      }
    }));
  }
}
