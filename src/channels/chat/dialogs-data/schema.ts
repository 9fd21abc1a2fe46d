/**
 * The shape of chat-dialogs/: wording per locale (messages, prompt keys, fact labels), the
 * free-text intents and interruption words, and how each step is shown. Data only: these files
 * name procedures and prompt keys; the rules stay in the domain.
 */
import { z } from 'zod';
import { PRODUCT_FAMILIES } from '../../../domain/catalog/catalog-schema';
import { LOCALES } from '../../../shared/wording/locales';

export { LOCALES } from '../../../shared/wording/locales';
export type Locale = (typeof LOCALES)[number];

const key = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*$/, 'must be dotted kebab-case (e.g. bill-adjustment.reason)');
const text = z.string().min(1).max(1000);
const words = z.array(z.string().min(1).max(80)).min(1);
const perLocale = <T extends z.ZodType>(t: T) => z.object({ en: t, es: t.optional() });

export const WordingFile = z.strictObject({
  locale: z.enum(LOCALES),
  messages: z.record(key, text),
  prompts: z.record(key, text),
  facts: z.record(z.string().min(1), text),
});
export type WordingFile = z.infer<typeof WordingFile>;

/** `leave-queue` is last: its words (e.g. "menu") mean the other command outside the queue. */
export const COMMANDS = ['help', 'cancel', 'start-over', 'agent', 'resume', 'menu', 'callback', 'leave-queue'] as const;
export type Command = (typeof COMMANDS)[number];

export const IntentsFile = z.strictObject({
  /** Whole-message commands (interruptions) recognised at any step. */
  commands: z.strictObject(Object.fromEntries(COMMANDS.map((c) => [c, perLocale(words)])) as Record<Command, ReturnType<typeof perLocale<typeof words>>>),
  yes: perLocale(words),
  no: perLocale(words),
  /** Skips an optional question. */
  skip: perLocale(words),
  /** Asks for a one-time code instead of the PIN. */
  sendCode: perLocale(words),
  /** Words naming a product family ("my TV", "no tengo internet"): a repair message is narrowed to that family's services. */
  families: z.partialRecord(z.enum(PRODUCT_FAMILIES), perLocale(words)).optional(),
});
export type IntentsFile = z.infer<typeof IntentsFile>;

export const CHOICE_STYLES = ['suggested-actions', 'card-list'] as const;
export type ChoiceStyle = (typeof CHOICE_STYLES)[number];

export const PresentationFile = z.strictObject({
  choices: z.strictObject({
    default: z.enum(CHOICE_STYLES),
    /** More options than this are shown as a card list whatever the style. */
    maxSuggestedActions: z.number().int().min(1).max(20),
    styles: z.record(key, z.enum(CHOICE_STYLES)),
  }),
  /** Steps shown with a card of facts (quotes, bills, confirmations); title is a message key. */
  cards: z.record(key, z.strictObject({ title: key, facts: z.array(z.string().min(1)).min(1) })),
});
export type PresentationFile = z.infer<typeof PresentationFile>;

/** Message keys the bot uses; the English file must define every one. */
export const REQUIRED_MESSAGES = [
  'greeting',
  'greeting.named',
  'menu',
  'help',
  'help.step',
  'anything-else',
  'not-understood',
  'cancelled',
  'nothing-to-cancel',
  'pick-one',
  'yes',
  'no',
  'skip',
  'more',
  'identify.needed',
  'identify.account',
  'identify.account-invalid',
  'identify.secret',
  'identify.send-code',
  'identify.code-sent',
  'identify.code-limit',
  'identify.code',
  'identify.failed',
  'identify.failed-last',
  'identify.locked',
  'identify.throttled',
  'identify.code-expired',
  'identify.ok',
  'identify.portal',
  'resume.offer',
  'resume.none',
  'handoff.queued',
  'handoff.still-waiting',
  'handoff.joined',
  'handoff.back',
  'handoff.ended',
  'handoff.failed',
  'handoff.leave',
  'handoff.left',
  'handoff.callback',
  'callback.ask-number',
  'callback.number-invalid',
  'callback.ask-when',
  'callback.now',
  'callback.when-invalid',
  'callback.when-too-far',
  'callback.confirm-now',
  'callback.confirm-at',
  'callback.booked-now',
  'callback.booked-now-wait',
  'callback.booked-at',
  'callback.kept',
  'callback.failed',
  'agent.offer',
  'agent.offer.button',
  'attachments.unsupported',
  'error.validation',
  'error.refused',
  'error.unexpected',
  'error.not-allowed',
  'generic.choose',
  'generic.input',
  'generic.confirm',
  'generic.done',
  'card.quote',
  'card.bill',
  'card.confirm',
] as const;
