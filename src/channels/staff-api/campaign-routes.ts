/**
 * Outbound campaigns for supervisors: create (targets selected by the campaign's rule at once),
 * list, the report, pause and resume, the targets with every attempt; the suppression list. A
 * CSR gets 403; every action is audited. Without telemarketing composed, these answer 404.
 */
import { z } from 'zod';
import { campaignInputSchema } from '../../domain/campaigns/campaign';
import { HttpProblem } from '../../shared/http/problem';
import type { Campaigns } from '../../domain/campaigns/campaigns-api';
import type { StaffRoute, StaffRouteContext } from './staff-routes';

const campaignId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a campaign id') });
const suppressionId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not a suppression id') });
const suppressionBody = z
  .strictObject({
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 number, e.g. +12175550142').optional(),
    customerId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).optional(),
    reason: z.string().trim().min(1).max(300),
  })
  .refine((b) => b.phone !== undefined || b.customerId !== undefined, { message: 'give a phone number or a customer id', path: ['phone'] });

const campaignsOf = (ctx: StaffRouteContext): Campaigns => ctx.deps.campaigns ?? (() => {
  throw new HttpProblem(404, 'NOT_FOUND', 'Campaigns are not available on this server.');
})();

const S = [403, 404, 409, 422];

export const CAMPAIGN_ROUTES: readonly StaffRoute[] = [
  {
    method: 'get', path: '/campaigns', operationId: 'staffCampaigns', auth: 'staff', status: 200, problems: S,
    summary: 'Supervisor: the outbound campaigns, newest first',
    handle: async (ctx) => ({ items: await campaignsOf(ctx).list(ctx.session.staff) }),
  },
  {
    method: 'post', path: '/campaigns', operationId: 'staffCreateCampaign', auth: 'staff', status: 201, problems: S, body: campaignInputSchema,
    summary: 'Supervisor: create a campaign (offer, target rule over customer facts, calling window in the customer\'s time zone, attempts, pacing, voicemail, start/end); its targets are selected at once, the suppressed kept with their reason',
    handle: async (ctx) => campaignsOf(ctx).create(ctx.session.staff, ctx.body),
  },
  {
    method: 'get', path: '/campaigns/:id', operationId: 'staffCampaign', auth: 'staff', status: 200, problems: S, params: campaignId,
    summary: 'Supervisor: the campaign and its report (dialed, human, machine, no answer, sales, inbound conversions, declined, suppressed…)',
    handle: async (ctx) => campaignsOf(ctx).get(ctx.session.staff, ctx.params.id as string),
  },
  {
    method: 'get', path: '/campaigns/:id/targets', operationId: 'staffCampaignTargets', auth: 'staff', status: 200, problems: S, params: campaignId,
    summary: 'Supervisor: the campaign\'s targets with every call attempt',
    handle: async (ctx) => ({ items: await campaignsOf(ctx).targets(ctx.session.staff, ctx.params.id as string) }),
  },
  {
    method: 'post', path: '/campaigns/:id/pause', operationId: 'staffPauseCampaign', auth: 'staff', status: 200, problems: S, params: campaignId,
    summary: 'Supervisor: pause; no further calls are placed (calls already ringing finish)',
    handle: async (ctx) => campaignsOf(ctx).pause(ctx.session.staff, ctx.params.id as string),
  },
  {
    method: 'post', path: '/campaigns/:id/resume', operationId: 'staffResumeCampaign', auth: 'staff', status: 200, problems: S, params: campaignId,
    summary: 'Supervisor: resume a paused campaign',
    handle: async (ctx) => campaignsOf(ctx).resume(ctx.session.staff, ctx.params.id as string),
  },
  {
    method: 'get', path: '/suppressions', operationId: 'staffSuppressions', auth: 'staff', status: 200, problems: S,
    summary: 'Supervisor: the suppression list (numbers and customers no campaign calls)',
    handle: async (ctx) => ({ items: await campaignsOf(ctx).suppressions(ctx.session.staff) }),
  },
  {
    method: 'post', path: '/suppressions', operationId: 'staffSuppress', auth: 'staff', status: 201, problems: S, body: suppressionBody,
    summary: 'Supervisor: add a number or a customer to the suppression list',
    handle: async (ctx) => campaignsOf(ctx).suppress(ctx.session.staff, ctx.body as z.output<typeof suppressionBody>),
  },
  {
    method: 'delete', path: '/suppressions/:id', operationId: 'staffUnsuppress', auth: 'staff', status: 204, problems: S, params: suppressionId,
    summary: 'Supervisor: remove an entry from the suppression list',
    handle: async (ctx) => {
      await campaignsOf(ctx).unsuppress(ctx.session.staff, ctx.params.id as string);
      ctx.res.status(204).end();
      return undefined;
    },
  },
];
