/**
 * The staff API as a table: method, path, schemas, authentication and a small handler over the
 * desk. The router and the OpenAPI document (GET /api/v1/staff/openapi.json) are both built
 * from it, so what is documented is what is validated.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Clock } from '../../domain/shared/ports';
import type { EventPort } from '../../domain/events/care-events';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { ChatDesk } from '../../domain/staff/chat-desk';
import { CHAT_ROUTES } from './chat-routes';
import { staffActor } from '../../domain/staff/staff';
import { staffSignInSchema } from '../../domain/staff/staff-sessions';
import type { TokenSigner } from '../../shared/tokens';
import { STAFF_AUDIENCE, type StaffSession } from './staff-auth';
import { streamQueueEvents, type QueueStreams } from './queue-events';
import type { CsrActions } from '../../domain/staff/csr-actions';
import type { Approvals } from '../../domain/staff/approvals';
import type { Idempotency } from '../api/idempotency';
import { CSR_ACTION_ROUTES } from './action-routes';
import { APPROVAL_ROUTES } from './approval-routes';
import { VOICE_PICKUP_ROUTES } from './voice-pickup-routes';
import { REPORT_ROUTES } from './report-routes';
import type { Reports } from '../../domain/reports/reports-api';
import type { Wallboard } from '../../domain/reports/wallboard';
import type { StaffView } from '../../domain/staff/staff';
import { CAMPAIGN_ROUTES } from './campaign-routes';
import { CATALOG_ROUTES } from './catalog-routes';
import type { StaffCatalog } from '../../domain/staff/catalog-reload';
import type { Campaigns } from '../../domain/campaigns/campaigns-api';

export interface StaffApiDeps {
  desk: StaffDesk;
  /** Signs staff tokens (audience 'staff'). */
  tokens: TokenSigner;
  events: EventPort;
  clock: Clock;
  /** Lifetime of the tokens `tokens` signs: how long a sign-out must be remembered. */
  tokenTtlSeconds: number;
  /** A CSR's side of the chats they took (absent: chat is not served, its routes answer 409). */
  chat?: ChatDesk;
  /** CSR actions for the customer of an accepted escalation, and the supervisor's approvals. */
  actions: CsrActions;
  approvals: Approvals;
  /** The supervisor's reports and wallboard. */
  reports: Reports;
  wallboard: { board(staff: StaffView): Promise<Wallboard> };
  /** The supervisor's reload of the catalog file. */
  catalog: StaffCatalog;
  /** Idempotency-Key replay of the actions; keyed fingerprints (the session secret). */
  idempotency: Idempotency;
  fingerprintKey?: string;
  /** Outbound campaigns and the suppression list (absent: their routes answer 404). */
  campaigns?: Campaigns;
}

export interface StaffRouteContext {
  req: Request;
  res: Response;
  params: Record<string, string>;
  body: unknown;
  /** Present on routes with auth 'staff'. */
  session: StaffSession;
  deps: StaffApiDeps;
  streams: QueueStreams;
}

export interface StaffRoute {
  method: 'get' | 'post' | 'delete';
  /** Express pattern relative to /api/v1/staff. */
  path: string;
  operationId: string;
  summary: string;
  auth: 'none' | 'staff';
  params?: z.ZodType;
  body?: z.ZodType;
  /** Query parameters (documented; the handler parses them). */
  query?: z.ZodType;
  status: number;
  /** Problem statuses beyond the common ones (400, 401 on staff routes, 500). */
  problems?: number[];
  /** 'text/event-stream' for the live queue. */
  produces?: string;
  /** Answers itself (a stream or 204) when it returns undefined; otherwise its result is sent as JSON. */
  handle(ctx: StaffRouteContext): Promise<unknown>;
}

const escalationId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an escalation id') });
const wrapUp = z.strictObject({ disposition: z.string().min(1).max(60), note: z.string().max(2000).optional() });

export const STAFF_ROUTES: readonly StaffRoute[] = [
  {
    method: 'post', path: '/sessions', operationId: 'staffSignIn', summary: 'Sign in with username and password; returns a staff Bearer token (8 hours)', auth: 'none',
    body: staffSignInSchema, status: 201, problems: [401, 423, 429],
    handle: async ({ req, body, deps }) => {
      const staff = await deps.desk.sessions.signIn(body as z.output<typeof staffSignInSchema>, { channel: 'csr', source: req.ip });
      const { token, expiresAt } = await deps.tokens.sign(staffActor(staff), STAFF_AUDIENCE);
      return { token, tokenType: 'Bearer', expiresAt, staff };
    },
  },
  {
    method: 'delete', path: '/sessions/current', operationId: 'staffSignOut', summary: 'Sign out: this token is refused from now on, and its queue streams end', auth: 'staff', status: 204,
    handle: async ({ res, session, deps, streams }) => {
      // Kept as long as the token could still be valid (its lifetime from now is an upper bound).
      await deps.desk.sessions.signOut(session.staff.id, session.ref, new Date(deps.clock.now().getTime() + deps.tokenTtlSeconds * 1000).toISOString());
      streams.endAll(session.ref);
      res.status(204).end();
      return undefined;
    },
  },
  { method: 'get', path: '/me', operationId: 'staffMe', summary: 'Who is signed in: name, role, skills', auth: 'staff', status: 200, handle: async ({ session }) => session.staff },
  { method: 'get', path: '/dispositions', operationId: 'staffDispositions', summary: 'The wrap-up dispositions (operator data)', auth: 'staff', status: 200, handle: async ({ deps }) => ({ items: deps.desk.dispositions() }) },
  {
    method: 'get', path: '/queue', operationId: 'staffQueue', summary: 'Waiting escalations for my skills (a supervisor: all), most urgent then oldest first', auth: 'staff', status: 200,
    handle: async ({ session, deps }) => ({ items: await deps.desk.queue(session.staff) }),
  },
  {
    method: 'get', path: '/queue/events', operationId: 'staffQueueEvents', summary: 'Server-Sent Events: the queue (event "queue"), then each change (escalation.queued, .assigned, .resolved, .abandoned)', auth: 'staff', status: 200,
    produces: 'text/event-stream',
    handle: async ({ req, res, session, deps, streams }) => {
      await streamQueueEvents(req, res, { ...deps, streams }, session);
      return undefined;
    },
  },
  {
    method: 'post', path: '/queue/:id/accept', operationId: 'staffAccept', summary: 'Take a waiting escalation (one CSR wins, the others get 409); returns the screen pop', auth: 'staff',
    params: escalationId, status: 200, problems: [403, 404, 409, 422],
    handle: async ({ params, session, deps }) => deps.desk.accept(session.staff, params.id as string),
  },
  {
    method: 'post', path: '/queue/:id/resolve', operationId: 'staffWrapUp', summary: 'Wrap up: disposition and note; the outcome is recorded on the interaction and the escalation resolved', auth: 'staff',
    params: escalationId, body: wrapUp, status: 200, problems: [403, 404, 409, 422],
    handle: async ({ params, body, session, deps }) => {
      const { escalation, interaction } = await deps.desk.resolve(session.staff, params.id as string, body as z.output<typeof wrapUp>);
      // A chat still with this CSR goes back to the bot once it is wrapped up.
      await deps.chat?.release(session.staff, escalation.id);
      return {
        escalation: { id: escalation.id, status: escalation.status, resolution: escalation.resolution, closedAt: escalation.closedAt },
        interaction: { id: interaction.id, status: interaction.status, outcome: interaction.outcome },
      };
    },
  },
  ...CHAT_ROUTES, ...CSR_ACTION_ROUTES, ...APPROVAL_ROUTES, ...VOICE_PICKUP_ROUTES, ...REPORT_ROUTES, ...CATALOG_ROUTES, ...CAMPAIGN_ROUTES,
];
