/**
 * What a Direct Line client may post. Only what the bot uses is kept; the server sets id,
 * from, conversation, recipient, timestamp and channelId itself, so a client cannot speak as
 * someone else or inject into another conversation.
 */
import { z } from 'zod';

export const MAX_TEXT = 2000;

const SuggestedValue = z.union([z.string().max(200), z.number(), z.boolean(), z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))]);

export const IncomingActivity = z.object({
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
export type IncomingActivity = z.infer<typeof IncomingActivity>;
