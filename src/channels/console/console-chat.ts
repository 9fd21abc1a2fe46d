/**
 * The chat pane of the console's screen pop: the conversation so far, a form to write to the
 * customer, join / hand back / end, and the conversation live (Server-Sent Events under
 * /console, the staff API's stream reused) for the few lines of web/assets/console-chat.js.
 * Forms work without script (303 back to the screen pop); with script they are posted by fetch
 * (Accept: application/json gets 202 instead). Only the CSR the chat is assigned to acts: the
 * chat desk refuses anyone else (the console's "Not your escalation" page).
 */
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { EventPort } from '../../domain/events/care-events';
import type { ChatDesk } from '../../domain/staff/chat-desk';
import { CHAT_OVER_STEP, MAX_CHAT_TEXT } from '../../domain/staff/chat-desk';
import type { ScreenPop } from '../../domain/escalation/screen-pop';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { StaffView } from '../../domain/staff/staff';
import { isDomainError } from '../../domain/shared/errors';
import { withNotice, type FlashMessages } from '../../shared/pages';
import { streamChat } from '../staff-api/chat-routes';
import type { QueueStreams } from '../staff-api/queue-events';
import type { StaffSession } from '../staff-api/staff-auth';
import { when } from './console-time';

export const CHAT_NOTICES: FlashMessages = {
  'chat-joined': { kind: 'ok', text: 'You joined the chat: the customer sees your name.' },
  'chat-sent': { kind: 'ok', text: 'Sent to the customer.' },
  'chat-handed-back': { kind: 'ok', text: 'The chat is back with the assistant. Wrap up when you are done.' },
  'chat-ended': { kind: 'ok', text: 'The chat is ended. Wrap up when you are done.' },
  'chat-empty': { kind: 'error', text: 'Write a message first (at most 2,000 characters).' },
  'chat-over': { kind: 'error', text: 'The chat is over: wrap it up.' },
};

const ACTIONS = { join: ['join', 'chat-joined'], messages: ['say', 'chat-sent'], 'hand-back': ['hand-back', 'chat-handed-back'], end: ['end', 'chat-ended'] } as const;
type ActionPath = keyof typeof ACTIONS;
const idSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const sayForm = z.object({ text: z.string().trim().min(1).max(MAX_CHAT_TEXT) });
const WHO: Record<string, string> = { customer: 'Customer', system: 'Assistant', csr: 'You' };

/** The pane's data for a chat escalation this CSR holds; undefined for other channels or closed ones. */
export async function chatPaneView(chat: ChatDesk | undefined, staff: StaffView, pop: ScreenPop, tz: string) {
  const e = pop.escalation;
  if (!chat || e.channel !== 'chat' || e.status !== 'assigned' || e.assignedTo !== staff.id) return undefined;
  const { items } = await chat.messages(staff, e.id, 0);
  const over = pop.stepsDone.some((s) => s.name === CHAT_OVER_STEP && s.detail?.escalationId === e.id);
  return {
    over,
    events: `/console/escalations/${e.id}/chat/events`,
    // The script stamps new messages in the same zone and words as these.
    timeZone: tz,
    messages: items.map((m) => ({ position: m.position, from: m.from, who: WHO[m.from] ?? m.from, at: m.at, time: when(m.at, tz), text: m.text })),
  };
}

export interface ChatRouteDeps {
  chat?: ChatDesk;
  desk: StaffDesk;
  events: EventPort;
  streams: QueueStreams;
  withSession: (kind: 'page' | 'data') => (req: Request, res: Response, next: NextFunction) => void;
  run: (h: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void;
  notFound: (req: Request, res: Response) => void;
}

const wantsJson = (req: Request): boolean => (req.get('accept') ?? '').includes('application/json');

export function addChatRoutes(router: Router, d: ChatRouteDeps): void {
  const session = (res: Response): StaffSession => res.locals.session as StaffSession;
  const pop = (id: string, notice: string): string => withNotice(`/console/escalations/${id}`, notice) + '#chat-heading';

  router.post('/escalations/:id/chat/:action', d.withSession('page'), d.run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    const path = req.params.action as string;
    if (!id.success || !d.chat || !Object.hasOwn(ACTIONS, path)) return d.notFound(req, res);
    const [act, done] = ACTIONS[path as ActionPath];
    const reply = (status: number, notice: string) => (wantsJson(req) ? void res.status(status).json({ notice, text: CHAT_NOTICES[notice]?.text }) : res.redirect(303, pop(id.data, notice)));
    let text: string | undefined;
    if (act === 'say') {
      const form = sayForm.safeParse(req.body ?? {});
      if (!form.success) return reply(422, 'chat-empty');
      text = form.data.text;
    }
    try {
      await d.chat.act(session(res).staff, id.data, act, text);
      reply(wantsJson(req) ? 202 : 303, done);
    } catch (e) {
      if (!isDomainError(e) || !['CONFLICT', 'VALIDATION_FAILED'].includes(e.code)) throw e;
      reply(e.code === 'CONFLICT' ? 409 : 422, e.code === 'CONFLICT' ? 'chat-over' : 'chat-empty');
    }
  }));

  router.get('/escalations/:id/chat/events', d.withSession('data'), d.run(async (req, res) => {
    const id = idSchema.safeParse(req.params.id);
    if (!id.success || !d.chat) return void res.status(404).type('text/plain').send('No such chat.\n');
    const s = session(res);
    const t = await d.chat.open(s.staff, id.data);
    streamChat(req, res, t, { events: d.events, streams: d.streams, session: s, live: () => d.desk.sessions.authenticate(s.staff.id, s.ref) });
  }));
}
