/**
 * The staff API under /api/v1/staff: sign-in and sign-out, the live queue, accepting an
 * escalation (the screen pop) and the wrap-up. Thin: validate, authenticate, call the desk,
 * answer JSON; domain errors become problems with their stable code (409 for a lost race).
 */
import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../../domain/shared/ports';
import type { EventPort } from '../../domain/events/care-events';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import { staffActor } from '../../domain/staff/staff';
import { staffSignInSchema } from '../../domain/staff/staff-sessions';
import { HttpProblem, type FieldError } from '../../shared/http/problem';
import type { TokenSigner } from '../../shared/tokens';
import { authenticateStaff, STAFF_AUDIENCE, type StaffSession } from './staff-auth';
import { QueueStreams, streamQueueEvents } from './queue-events';

export const STAFF_API_PATH = '/api/v1/staff';

export interface StaffApiDeps {
  desk: StaffDesk;
  /** Signs staff tokens (audience 'staff'). */
  tokens: TokenSigner;
  events: EventPort;
  clock: Clock;
  /** Lifetime of the tokens `tokens` signs: how long a sign-out must be remembered. */
  tokenTtlSeconds: number;
}

const escalationId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an escalation id') });
const wrapUp = z.strictObject({ disposition: z.string().min(1).max(60), note: z.string().max(2000).optional() });

function parse<T extends z.ZodType>(where: 'body' | 'params', schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const errors: FieldError[] = result.error.issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)].join('.');
    return issue.code === 'unrecognized_keys' ? issue.keys.map((k) => ({ path: `${base}.${k}`, message: 'unknown field' })) : [{ path: base, message: issue.message }];
  });
  throw new HttpProblem(400, 'VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}

export function makeStaffApiRouter(deps: StaffApiDeps): Router {
  const router = express.Router();
  const { desk, tokens } = deps;
  const streams = new QueueStreams();
  const route = (pattern: string, handle: (req: Request, res: express.Response) => Promise<void>): RequestHandler => (req, res, next) => {
    res.locals.routePattern = `${STAFF_API_PATH}${pattern}`;
    handle(req, res).catch(next);
  };
  const signedIn = (pattern: string, handle: (req: Request, res: express.Response, session: StaffSession) => Promise<void>) =>
    route(pattern, async (req, res) => handle(req, res, await authenticateStaff(req, tokens, desk)));

  router.post('/sessions', route('/sessions', async (req, res) => {
    const body = parse('body', staffSignInSchema, req.body);
    const staff = await desk.sessions.signIn(body, { channel: 'csr', source: req.ip });
    const { token, expiresAt } = tokens.sign(staffActor(staff), STAFF_AUDIENCE);
    res.status(201).json({ token, tokenType: 'Bearer', expiresAt, staff });
  }));

  router.delete('/sessions/current', signedIn('/sessions/current', async (_req, res, { staff, ref }) => {
    // Kept as long as the token could still be valid (its lifetime from now is an upper bound).
    await desk.sessions.signOut(staff.id, ref, new Date(deps.clock.now().getTime() + deps.tokenTtlSeconds * 1000).toISOString());
    streams.endAll(ref);
    res.status(204).end();
  }));

  router.get('/me', signedIn('/me', async (_req, res, { staff }) => void res.json(staff)));

  router.get('/dispositions', signedIn('/dispositions', async (_req, res) => void res.json({ items: desk.dispositions() })));

  router.get('/queue', signedIn('/queue', async (_req, res, { staff }) => void res.json({ items: await desk.queue(staff) })));

  router.get('/queue/events', signedIn('/queue/events', (req, res, session) => streamQueueEvents(req, res, { ...deps, streams }, session)));

  router.post('/queue/:id/accept', signedIn('/queue/:id/accept', async (req, res, { staff }) => {
    const { id } = parse('params', escalationId, { ...req.params });
    res.json(await desk.accept(staff, id));
  }));

  router.post('/queue/:id/resolve', signedIn('/queue/:id/resolve', async (req, res, { staff }) => {
    const { id } = parse('params', escalationId, { ...req.params });
    const body = parse('body', wrapUp, req.body);
    const { escalation, interaction } = await desk.resolve(staff, id, body);
    res.json({
      escalation: { id: escalation.id, status: escalation.status, resolution: escalation.resolution, closedAt: escalation.closedAt },
      interaction: { id: interaction.id, status: interaction.status, outcome: interaction.outcome },
    });
  }));

  return router;
}
