/**
 * What a Direct Line client may post. Only what the bot uses is kept; the server sets id,
 * from, conversation, recipient, timestamp and channelId itself, so a client cannot speak as
 * someone else or inject into another conversation.
 */
import { z } from 'zod';
import { HANDOFF_EVENT_NAME } from '../handoff/handoff-relay';

export const MAX_TEXT = 2000;
/** How deep a posted activity may nest (the activity itself is level 1): JSON.stringify and the bot recurse. */
export const MAX_DEPTH = 10;

/** True when `value` nests deeper than `max` levels; walks iteratively, so any depth is safe to ask about. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

const SuggestedValue = z.union([z.string().max(200), z.number(), z.boolean(), z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))]);

const ActivityShape = z.object({
  /** endOfConversation: the customer closed the chat (a queued escalation then leaves the queue). */
  type: z.enum(['message', 'typing', 'event', 'endOfConversation']),
  text: z.string().max(MAX_TEXT).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).optional(),
  value: SuggestedValue.optional(),
  name: z.string().max(100).optional(),
  channelData: z
    .object({ clientActivityID: z.string().min(1).max(100).optional(), clientTimestamp: z.string().max(50).optional() })
    .catchall(z.unknown())
    .optional(),
  /** Accepted so the client never hangs; only type and name are kept, and the bot says it cannot use them. */
  attachments: z.array(z.object({ contentType: z.string().max(200).optional(), name: z.string().max(300).optional() })).max(10).optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(200).optional(), role: z.string().optional() }).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(10).optional(),
  timestamp: z.string().max(50).optional(),
  localTimestamp: z.string().max(50).optional(),
  localTimezone: z.string().max(100).optional(),
});

/** Depth is checked first, without recursion; only then does zod (which recurses) look at it. */
export const IncomingActivity = z
  .unknown()
  .superRefine((v, ctx) => {
    if (nestedDeeperThan(v, MAX_DEPTH)) ctx.addIssue({ code: 'custom', message: `nested deeper than ${MAX_DEPTH} levels`, fatal: true });
  })
  .pipe(ActivityShape.refine((a) => !HANDOFF_EVENT_NAME.test(a.name ?? ''), { path: ['name'], message: 'handoff events come only from the CSR console' }));
export type IncomingActivity = z.infer<typeof ActivityShape>;
