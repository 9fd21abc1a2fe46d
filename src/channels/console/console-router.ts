/**
 * The CSR console under /console: server-rendered pages over the staff desk (the same use cases
 * as the staff API, called directly). Sign-in sets the cookie session; every POST needs the CSRF
 * token; the queue updates live through Server-Sent Events (/console/queue/events) and a few
 * lines of script (web/assets/console-queue.js), and works without script by reloading.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import cookieParser from 'cookie-parser';
import { z } from 'zod';
import type { Clock } from '../../domain/shared/ports';
import type { EventPort } from '../../domain/events/care-events';
import type { ChatDesk } from '../../domain/staff/chat-desk';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import { staffActor } from '../../domain/staff/staff';
import { fail, isDomainError } from '../../domain/shared/errors';
import { cookieSession, createPageCsrf, createViews, flashFrom, isCsrfError, pageAssets, pageHeaders, withNotice, type FlashMessages, type Views } from '../../shared/pages';
import type { TokenSigner } from '../../shared/tokens';
import { STAFF_AUDIENCE, type StaffSession } from '../staff-api/staff-auth';
import { QueueStreams, streamQueueEvents } from '../staff-api/queue-events';
import { consoleSession, csrfSessionId } from './console-session';
import { queueItemView, screenPopView } from './screen-pop-view';
import { addChatRoutes, CHAT_NOTICES, chatPaneView } from './console-chat';
import { actionsPane, addActionRoutes, doneResult, type ConsoleActionDeps, type RenderPop } from './console-actions';
import { addSupervisorRoutes, SUPERVISOR_NOTICES, type SupervisorConsoleDeps } from './supervisor-pages';
import { addCampaignRoutes, CAMPAIGN_NOTICES } from './console-campaigns';
import type { Campaigns } from '../../domain/campaigns/campaigns-api';
import type { TimeZoneOf } from './console-time';

export const CONSOLE_PATH = '/console';
export const CONSOLE_COOKIE = 'telecare_console';

export interface ConsoleDeps {
  desk: StaffDesk;
  tokens: TokenSigner;
  events: EventPort;
  clock: Clock;
  tokenTtlSeconds: number;
  /** Cookies Secure (production). */
  secure: boolean;
  /** Signs the CSRF tokens (the session secret). */
  csrfSecret: string;
  views?: Views;
  /** A CSR's side of the chats they took (absent: chat is not served). */
  chat?: ChatDesk;
  /** The procedures a CSR performs for the customer (absent: the screen pop has no action forms). */
  actions?: ConsoleActionDeps;
  /** The supervisor's wallboard, reports and approvals (absent: those pages are not served). */
  supervisor?: SupervisorConsoleDeps;
  /** Outbound campaigns (a supervisor's page; absent: not served). */
  campaigns?: Campaigns;
  /** The operator's time zone (the catalog's): every time the console shows is in it, labelled. */
  timeZone: TimeZoneOf;
}

const NOTICES: FlashMessages = {
  'signed-out': { kind: 'ok', text: 'You are signed out.' },
  'signed-in-again': { kind: 'error', text: 'Your session ended. Sign in again.' },
  'wrapped-up': { kind: 'ok', text: 'Wrapped up: the outcome is recorded and the customer is out of the queue.' },
  taken: { kind: 'error', text: 'Another CSR took that customer first.' },
  closed: { kind: 'error', text: 'That escalation is closed: the customer left or it was already wrapped up.' },
  gone: { kind: 'error', text: 'That escalation no longer exists.' },
  'not-yours': { kind: 'error', text: 'That escalation waits in a queue you do not serve.' },
  'call-connecting': { kind: 'ok', text: 'The call is being put through to your phone: answer it, the customer is announced.' },
  'call-calling-back': { kind: 'ok', text: 'Calling back: your phone rings first, then the customer\'s.' },
  'call-taskrouter': { kind: 'ok', text: 'TaskRouter routes this call; the context is below.' },
  'call-not-moved': { kind: 'error', text: 'The call could not be put through to you (the caller may have hung up, or voice pickup is not set up): call the customer back.' },
  ...CHAT_NOTICES,
  ...SUPERVISOR_NOTICES,
  ...CAMPAIGN_NOTICES,
};

/** The notice that tells the CSR what happened to a queued call they accepted. */
const CALL_NOTICES: Record<string, string> = { connecting: 'call-connecting', 'calling-back': 'call-calling-back', 'routed-by-taskrouter': 'call-taskrouter', 'not-moved': 'call-not-moved' };

const SIGN_IN_REFUSALS: Record<string, [number, string]> = {
  VERIFICATION_FAILED: [401, 'The username or password is not right.'],
  ACCOUNT_LOCKED: [423, 'This account is locked after too many failed sign-ins. Try again later or ask a supervisor.'],
  THROTTLED: [429, 'Too many attempts from here. Wait a little and try again.'],
  VALIDATION_FAILED: [400, 'Enter your username and your password.'],
};

const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const signInForm = z.object({ username: z.string().trim().max(100).default(''), password: z.string().max(200).default('') });
const wrapUpForm = z.object({ disposition: z.string().max(60).default(''), note: z.string().max(2000).default('') });

type Handler = (req: Request, res: Response) => Promise<void>;
const run = (h: Handler) => (req: Request, res: Response, next: NextFunction) => void h(req, res).catch(next);

export function makeConsoleRouter(deps: ConsoleDeps): Router {
  const { desk, tokens } = deps;
  const views = deps.views ?? createViews();
  const cookie = cookieSession({ name: CONSOLE_COOKIE, path: CONSOLE_PATH, secure: deps.secure });
  const csrf = createPageCsrf({ secret: deps.csrfSecret, secure: deps.secure, path: CONSOLE_PATH, cookieName: 'telecare_console_csrf', sessionId: csrfSessionId(cookie) });
  const streams = new QueueStreams();
  const router = express.Router();

  router.use('/assets', pageAssets());
  router.use(pageHeaders(), cookieParser(), express.urlencoded({ extended: false, limit: '16kb' }), csrf.protect);

  const page = (req: Request, res: Response, view: string, data: Record<string, unknown>, status = 200): void => {
    const session = res.locals.session as StaffSession | undefined;
    const html = views.render(`console/${view}`, { appName: 'Telecare CSR console', assetBase: `${CONSOLE_PATH}/assets`, headerPartial: 'console/header', staff: session?.staff, csrf: csrf.token(req, res), flash: flashFrom(req, NOTICES), ...data });
    res.status(status).type('html').send(html);
  };
  const session = (res: Response): StaffSession => res.locals.session as StaffSession;

  /** Loads the session; pages without one go to sign-in, fragments and streams get 401. */
  const withSession = (kind: 'page' | 'data') => (req: Request, res: Response, next: NextFunction): void => {
    consoleSession(req, cookie, tokens, desk).then((s) => {
      if (s) {
        res.locals.session = s;
        return next();
      }
      const had = Boolean(cookie.read(req));
      if (had) cookie.clear(res);
      if (kind === 'data') return void res.status(401).type('text/plain').send('Sign in again.\n');
      res.redirect(303, `${CONSOLE_PATH}/sign-in${had ? '?notice=signed-in-again' : ''}`);
    }, next);
  };

  router.get('/', run(async (req, res) => res.redirect(303, `${CONSOLE_PATH}/${(await consoleSession(req, cookie, tokens, desk)) ? 'queue' : 'sign-in'}`)));

  router.get('/sign-in', run(async (req, res) => {
    if (await consoleSession(req, cookie, tokens, desk)) return res.redirect(303, `${CONSOLE_PATH}/queue`);
    page(req, res, 'sign-in', { title: 'Sign in' });
  }));

  router.post('/sign-in', run(async (req, res) => {
    const parsed = signInForm.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : { username: '', password: '' };
    try {
      if (!parsed.success) fail('VALIDATION_FAILED', 'the sign-in form is not valid');
      const staff = await desk.sessions.signIn(form, { channel: 'csr', source: req.ip });
      const { token } = await tokens.sign(staffActor(staff), STAFF_AUDIENCE);
      cookie.write(res, token, deps.tokenTtlSeconds);
      res.redirect(303, `${CONSOLE_PATH}/queue`);
    } catch (e) {
      const refusal = isDomainError(e) ? SIGN_IN_REFUSALS[e.code] : undefined;
      if (!refusal) throw e;
      page(req, res, 'sign-in', { title: 'Sign in (failed)', error: refusal[1], username: form.username }, refusal[0]);
    }
  }));

  router.post('/sign-out', run(async (req, res) => {
    const s = await consoleSession(req, cookie, tokens, desk);
    if (s) {
      await desk.sessions.signOut(s.staff.id, s.ref, new Date(deps.clock.now().getTime() + deps.tokenTtlSeconds * 1000).toISOString());
      streams.endAll(s.ref);
    }
    cookie.clear(res);
    res.redirect(303, withNotice(`${CONSOLE_PATH}/sign-in`, 'signed-out'));
  }));

  const queueData = async (req: Request, res: Response) => {
    const tz = deps.timeZone();
    const items = (await desk.queue(session(res).staff)).map((item) => queueItemView(item, tz));
    return { items, csrf: csrf.token(req, res), countText: items.length === 1 ? '1 customer waiting' : `${items.length} customers waiting` };
  };

  router.get('/queue', withSession('page'), run(async (req, res) => {
    const tz = deps.timeZone();
    const mine = (await desk.mine(session(res).staff)).map((item) => queueItemView(item, tz));
    page(req, res, 'queue', { title: 'Queue', current: 'queue', scripts: [`${CONSOLE_PATH}/assets/console-queue.js`], mine, ...(await queueData(req, res)) });
  }));

  router.get('/queue/list', withSession('data'), run(async (req, res) => {
    const data = await queueData(req, res);
    res.set('X-Queue-Count', String(data.items.length)).type('html').send(views.render('console/queue-list', data));
  }));

  router.get('/queue/events', withSession('data'), run(async (req, res) => {
    await streamQueueEvents(req, res, { desk, events: deps.events, streams }, session(res));
  }));

  router.post('/queue/:id/accept', withSession('page'), run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return res.redirect(303, withNotice(`${CONSOLE_PATH}/queue`, 'gone'));
    try {
      const taken = await desk.accept(session(res).staff, id.data);
      const callNotice = taken.call ? CALL_NOTICES[taken.call.status] : undefined;
      const pop = `${CONSOLE_PATH}/escalations/${id.data}`;
      res.redirect(303, callNotice ? withNotice(pop, callNotice) : pop);
    } catch (e) {
      // A conflict over an abandoned escalation (the caller hung up) is not another CSR's doing.
      const abandoned = isDomainError(e) && e.code === 'CONFLICT' && e.details.status === 'abandoned';
      const notice = abandoned ? 'closed' : isDomainError(e) ? { CONFLICT: 'taken', VALIDATION_FAILED: 'closed', NOT_FOUND: 'gone', NOT_PERMITTED: 'not-yours' }[e.code as string] : undefined;
      if (!notice) throw e;
      res.redirect(303, withNotice(`${CONSOLE_PATH}/queue`, notice));
    }
  }));

  type WrapForm = { disposition: string; note: string; error?: string; errorField?: string };
  const screenPop = async (req: Request, res: Response, id: string, form: WrapForm, status = 200, state: Parameters<RenderPop>[3] = {}) => {
    const staff = session(res).staff;
    const raw = await desk.screenPop(staff, id);
    const tz = deps.timeZone();
    const pop = screenPopView(raw, tz);
    const chat = await chatPaneView(deps.chat, staff, raw, tz);
    const actions = await actionsPane(deps.actions, staff, raw, state, tz);
    page(req, res, 'screen-pop', { title: pop.title, pop, chat, actions, ...(chat ? { scripts: [`${CONSOLE_PATH}/assets/console-chat.js`] } : {}), dispositions: desk.dispositions(), form }, status);
  };
  const emptyWrap: WrapForm = { disposition: '', note: '' };

  router.get('/escalations/:id', withSession('page'), run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return problem(req, res, 404, 'No such escalation');
    const done = await doneResult(deps.actions, session(res).staff, id.data, req.query.done);
    await screenPop(req, res, id.data, emptyWrap, 200, done ? { done } : {});
  }));

  addActionRoutes(router, { actions: deps.actions, withSession, run, render: (req, res, id, state, status) => screenPop(req, res, id, emptyWrap, status, state), notFound: (req, res) => problem(req, res, 404, 'No such escalation') });

  router.post('/escalations/:id/wrap-up', withSession('page'), run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success) return problem(req, res, 404, 'No such escalation');
    const parsed = wrapUpForm.safeParse(req.body ?? {});
    const form = parsed.success ? parsed.data : { disposition: '', note: '' };
    if (!parsed.success) return screenPop(req, res, id.data, { ...form, error: 'The form was not valid: choose one disposition and keep the note under 2,000 characters.', errorField: String(parsed.error.issues[0]?.path[0] ?? 'disposition') }, 422);
    try {
      await desk.resolve(session(res).staff, id.data, { disposition: form.disposition, ...(form.note.trim() ? { note: form.note } : {}) });
      // A chat still with this CSR goes back to the bot once it is wrapped up.
      await deps.chat?.release(session(res).staff, id.data);
      res.redirect(303, withNotice(`${CONSOLE_PATH}/queue`, 'wrapped-up'));
    } catch (e) {
      if (!isDomainError(e) || !['VALIDATION_FAILED', 'CONFLICT'].includes(e.code)) throw e;
      const errorField = e.code === 'CONFLICT' ? undefined : e.details.field === 'note' ? 'note' : 'disposition';
      const error = errorField === undefined ? `Not saved: ${e.message}.` : errorField === 'note' ? 'This disposition needs a note: write what is still to do.' : 'Choose a disposition from the list.';
      await screenPop(req, res, id.data, { ...form, error, ...(errorField ? { errorField } : {}) }, 422);
    }
  }));

  if (deps.supervisor) {
    addSupervisorRoutes(router, { deps: deps.supervisor, timeZone: deps.timeZone, desk, events: deps.events, streams, views, withSession, run, page, problem: (req, res, status, heading, text) => problem(req, res, status, heading, text), csrfToken: (req, res) => csrf.token(req, res) });
  }

  addChatRoutes(router, { chat: deps.chat, desk, events: deps.events, streams, withSession, run, notFound: (req, res) => problem(req, res, 404, 'No such escalation') });

  addCampaignRoutes(router, { campaigns: deps.campaigns, timeZone: deps.timeZone, withSession, run, page, path: CONSOLE_PATH, forbidden: (req, res) => problem(req, res, 403, 'Supervisors only', 'Campaigns are run by a supervisor.') });

  function problem(req: Request, res: Response, status: number, heading: string, text = 'Go back to the queue and pick another customer.'): void {
    const signed = Boolean(res.locals.session);
    page(req, res, 'problem', { title: heading, heading, text, back: `${CONSOLE_PATH}/${signed ? 'queue' : 'sign-in'}`, backText: signed ? 'Back to the queue' : 'Back to sign-in' }, status);
  }

  router.use(run(async (req, res) => {
    res.locals.session = await consoleSession(req, cookie, tokens, desk);
    problem(req, res, 404, 'Page not found', 'There is no console page at this address.');
  }));
  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (isCsrfError(err)) return problem(req, res, 403, 'This form has expired', 'For your security the form could not be sent. Go back, reload the page and try again.');
    if (isDomainError(err) && err.code === 'NOT_FOUND') return problem(req, res, 404, 'No such escalation');
    if (isDomainError(err) && err.code === 'NOT_PERMITTED') return problem(req, res, 403, 'Not your escalation', 'Only the CSR who took it, or a supervisor, can open it.');
    next(err);
  });
  return router;
}
