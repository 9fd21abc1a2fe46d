/**
 * The CSR's side of a chat they took, as staff routes (registered in the route table): join the
 * customer's conversation, write to the customer, hand back to the assistant, end the chat, and
 * read the customer's side live (Server-Sent Events from the event port, so the customer may be
 * on another web process). Only the CSR the escalation is assigned to may act (403 otherwise);
 * every action is audited by the chat desk.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { CareEvent, EventPort } from '../../domain/events/care-events';
import type { ChatDesk, ChatTarget } from '../../domain/staff/chat-desk';
import { MAX_CHAT_TEXT } from '../../domain/staff/chat-desk';
import { HttpProblem } from '../../shared/http/problem';
import type { StaffSession } from './staff-auth';
import { SSE_HEADERS, staffStreamLifecycle, type QueueStreams } from './queue-events';
import type { StaffApiDeps, StaffRoute } from './staff-routes';

const escalationId = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'not an escalation id') });
const message = z.strictObject({ text: z.string().trim().min(1, 'write something').max(MAX_CHAT_TEXT) });
const PROBLEMS = [403, 404, 409, 422];
const afterQuery = z.object({ after: z.coerce.number().int().min(0).max(1_000_000).default(0) });

function chatDesk(deps: StaffApiDeps): ChatDesk {
  if (!deps.chat) throw new HttpProblem(409, 'CONFLICT', 'Chat is not served by this deployment.');
  return deps.chat;
}

const answer = (t: ChatTarget, state: string) => ({ escalationId: t.escalationId, interactionId: t.interactionId, conversationId: t.conversationId, state });

/** Does this event belong to the conversation the CSR took? */
export const aboutTarget = (t: ChatTarget, e: CareEvent): e is Extract<CareEvent, { type: 'chat.message' | 'chat.ended' }> =>
  (e.type === 'chat.message' || e.type === 'chat.ended') && e.conversationId === t.conversationId && (e.escalationId === undefined || e.escalationId === t.escalationId);

/** The conversation's messages and its end, as they happen; the stream closes after `chat.ended`. */
export function streamChat(req: Request, res: Response, t: ChatTarget, deps: { events: EventPort; streams: QueueStreams; session: StaffSession; live: () => Promise<unknown> }): void {
  res.status(200).set(SSE_HEADERS);
  res.flushHeaders();
  const write = (chunk: string) => void res.write(chunk);
  const unsubscribe = deps.events.subscribe((e) => {
    if (!aboutTarget(t, e)) return;
    write(`event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
    if (e.type === 'chat.ended') life.end();
  });
  const life = staffStreamLifecycle(req, res, { streams: deps.streams, ref: deps.session.ref, live: deps.live, unsubscribe, write });
  // Listening already: whatever the customer says from now on is in this stream.
  write(`retry: 3000\nevent: chat.open\ndata: ${JSON.stringify(answer(t, 'open'))}\n\n`);
}

const action = (path: string, operationId: string, summary: string, act: 'join' | 'hand-back' | 'end', state: string): StaffRoute => ({
  method: 'post', path, operationId, summary, auth: 'staff', params: escalationId, status: 200, problems: PROBLEMS,
  handle: async ({ params, session, deps }) => answer(await chatDesk(deps).act(session.staff, params.id as string, act), state),
});

export const CHAT_ROUTES: readonly StaffRoute[] = [
  action('/escalations/:id/chat/join', 'staffChatJoin', 'Join the customer\'s chat: they see "<name> joined" (once); the assistant stays silent from now on', 'join', 'joined'),
  {
    method: 'post', path: '/escalations/:id/chat/messages', operationId: 'staffChatSay', summary: 'Write to the customer: they see it at once, under the CSR\'s name (joins first if needed); kept in the transcript', auth: 'staff',
    params: escalationId, body: message, status: 202, problems: PROBLEMS,
    handle: async ({ params, body, session, deps }) => answer(await chatDesk(deps).act(session.staff, params.id as string, 'say', (body as z.output<typeof message>).text), 'sent'),
  },
  action('/escalations/:id/chat/hand-back', 'staffChatHandBack', 'Hand the chat back to the assistant, which says so and answers again (wrap up afterwards)', 'hand-back', 'handed-back'),
  action('/escalations/:id/chat/end', 'staffChatEnd', 'End the chat with a closing message (the escalation is resolved by the wrap-up)', 'end', 'ended'),
  {
    method: 'get', path: '/escalations/:id/chat/messages', operationId: 'staffChatMessages', summary: 'The conversation so far (transcript, redacted) after position ?after= (default 0), and the position to ask from next; for clients that poll instead of streaming', auth: 'staff',
    params: escalationId, status: 200, problems: PROBLEMS,
    handle: async ({ req, params, session, deps }) => {
      const query = afterQuery.safeParse(req.query);
      if (!query.success) throw new HttpProblem(400, 'VALIDATION_FAILED', 'The request is not valid: query.after: a position (0 or more).', [{ path: 'query.after', message: 'a position (0 or more)' }]);
      const { target, items, next } = await chatDesk(deps).messages(session.staff, params.id as string, query.data.after);
      return { ...answer(target, 'open'), items, next };
    },
  },
  {
    method: 'get', path: '/escalations/:id/chat/events', operationId: 'staffChatEvents', summary: 'Server-Sent Events: "chat.open", then each message (chat.message, from customer or csr) and the end (chat.ended: customer-left, csr-ended, handed-back)', auth: 'staff',
    params: escalationId, status: 200, problems: PROBLEMS, produces: 'text/event-stream',
    handle: async ({ req, res, params, session, deps, streams }) => {
      const t = await chatDesk(deps).open(session.staff, params.id as string);
      streamChat(req, res, t, { events: deps.events, streams, session, live: () => deps.desk.sessions.authenticate(session.staff.id, session.ref) });
      return undefined;
    },
  },
];
