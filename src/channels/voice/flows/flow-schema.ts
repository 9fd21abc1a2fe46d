/**
 * The shape of ivr-flows/: flow.yaml (the steps of a call) and the wording catalog's speech texts (what is
 * said, per prompt key and locale). Data only; src/channels/voice/verbs runs one verb per step.
 */
import { z } from 'zod';
import { OUTCOMES, PROCEDURES } from '../../../domain/procedures/procedure';
import { PRODUCT_FAMILIES } from '../../../domain/catalog/catalog-schema';
import { SKILLS } from '../../../domain/escalation/escalation';
import { LOCALES } from '../../../shared/wording/locales';

export { LOCALES } from '../../../shared/wording/locales';
const stepId = z.string().regex(/^[a-z][a-z0-9-]*$/, 'step ids are lower-case words joined by "-"');
const promptKey = z.string().min(1);
const key = z.string().regex(/^[0-9*#]$/, 'a single keypad key');
const words = z.array(z.string().min(1)).default([]);
/** A menu choice's words: one list heard in every language, or a list per language (its speech hints then stay in the caller's). */
const choiceWords = z.union([z.array(z.string().min(1)), z.partialRecord(z.enum(LOCALES), z.array(z.string().min(1)))]).default([]);
const procedure = z.enum(PROCEDURES);

const gather = z
  .object({
    timeout: z.number().int().min(1).max(30),
    speechTimeout: z.union([z.literal('auto'), z.number().int().min(1).max(30)]),
    retries: z.number().int().min(0).max(5),
  })
  .strict();

const settings = z
  .object({
    locales: z.array(z.enum(LOCALES)).min(1),
    gather,
    paging: z.object({ pageSize: z.number().int().min(2).max(8), moreKey: key }).strict(),
    agentKey: key,
    /** Step reached when the caller asks for an agent or retries run out. */
    agentStep: stepId,
    /** Queue name per skill for <Enqueue> (when no TaskRouter workflow is configured). */
    queues: z.partialRecord(z.enum(SKILLS), z.string().min(1).max(64)),
    /** Skill that handles each procedure when it escalates. */
    /** Overrides of the domain's procedure -> skill map (rarely needed). */
    skills: z.partialRecord(procedure, z.enum(SKILLS)).optional(),
    holdMusicUrl: z.url().optional(),
    /** Pressed while holding in a queue: hang up and be called back, keeping the place in line (prompts wait.callback-*). */
    callbackKey: key.optional(),
    timeZone: z.string().default('UTC'),
  })
  .strict();

const base = { prompt: promptKey.optional() };

export const nodeSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('choose-locale'), ...base, options: z.array(z.object({ key, locale: z.enum(LOCALES), words }).strict()).min(1), next: stepId }).strict(),
  z.object({ do: z.literal('identify'), next: z.object({ identified: stepId, unknown: stepId }).strict() }).strict(),
  z
    .object({
      do: z.literal('collect-account'),
      ...base,
      next: stepId,
      tooMany: stepId,
      /** A key (said after the prompt) for callers who are not customers yet, and where it leads. */
      newCustomer: z.object({ key, prompt: promptKey, step: stepId }).strict().optional(),
    })
    .strict(),
  z.object({ do: z.literal('verify-pin'), ...base, otherAccountKey: key.optional(), next: z.object({ verified: stepId, locked: stepId, unknown: stepId, otherAccount: stepId.optional() }).strict() }).strict(),
  z.object({ do: z.literal('offer-resume'), ...base, procedureStep: stepId, next: stepId }).strict(),
  /** After verification: a supervisor's decisions on the caller's requests not yet told on any channel (prompts DECISION_PROMPTS), once. */
  z.object({ do: z.literal('tell-decisions'), next: stepId }).strict(),
  /** The next-best offer at the end of a successful call; accepting continues in `procedureStep`. */
  z.object({ do: z.literal('next-best-offer'), ...base, procedureStep: stepId, next: stepId }).strict(),
  z
    .object({
      do: z.literal('menu'),
      ...base,
      items: z
        .array(
          z.union([
            z.object({ procedure, label: promptKey, words: choiceWords }).strict(),
            z.object({ goto: stepId, label: promptKey, words: choiceWords }).strict(),
          ]),
        )
        .min(1),
      next: stepId,
    })
    .strict(),
  z
    .object({
      do: z.literal('procedure'),
      procedure: procedure.optional(),
      /**
       * Back to the menu from any question: `key` (or the prompts' `words.menu`) where the key is
       * not itself an answer; `hint` is said once per call, at the first question; the draft stays
       * resumable (picking the procedure again continues it).
       */
      menu: z.object({ key, step: stepId, hint: promptKey, paused: promptKey }).strict().optional(),
      /** Next step per outcome code; `default` for the rest. */
      on: z.partialRecord(z.enum([...OUTCOMES, 'default']), stepId).refine((o) => 'default' in o, 'needs a "default" outcome'),
    })
    .strict(),
  z.object({ do: z.literal('ask-yes-no'), prompt: promptKey, next: z.object({ yes: stepId, no: stepId }).strict() }).strict(),
  z.object({ do: z.literal('say'), prompt: promptKey, next: stepId }).strict(),
  z.object({ do: z.literal('escalate'), prompt: promptKey, reason: z.string().min(1), skill: z.enum(SKILLS).optional() }).strict(),
  z.object({ do: z.literal('hangup'), prompt: promptKey }).strict(),
]);

export const flowFileSchema = z
  .object({
    version: z.literal(1),
    start: stepId,
    settings,
    steps: z.record(stepId, z.unknown()),
  })
  .strict();

export const promptsFileSchema = z
  .object({
    locale: z.enum(LOCALES),
    voice: z.string().min(1),
    language: z.string().min(2),
    words: z
      .object({
        agent: z.array(z.string().min(1)).min(1),
        yes: z.array(z.string().min(1)).min(1),
        no: z.array(z.string().min(1)).min(1),
        more: words,
        menu: words,
        /** Words naming a product family ("my TV"): a spoken repair request is narrowed to the caller's services of it. */
        families: z.partialRecord(z.enum(PRODUCT_FAMILIES), z.array(z.string().min(1)).min(1)).optional(),
      })
      .strict(),
    prompts: z.record(promptKey, z.string()),
  })
  .strict();

export type FlowNode = z.infer<typeof nodeSchema>;
export type Verb = FlowNode['do'];
export type NodeOf<V extends Verb> = Extract<FlowNode, { do: V }>;
export type FlowSettings = z.infer<typeof settings>;
export type PromptsFile = z.infer<typeof promptsFileSchema>;
export type FlowLocale = (typeof LOCALES)[number];
export type ChoiceWords = z.infer<typeof choiceWords>;

/** Every word of a choice, whatever its language (what the caller says is matched against all). */
export const allWords = (w: ChoiceWords): string[] => (Array.isArray(w) ? w : Object.values(w).flatMap((l) => l ?? []));
/** The words of a choice in one language (a single list is every language's). */
export const wordsIn = (w: ChoiceWords, locale: FlowLocale): string[] => (Array.isArray(w) ? w : (w[locale] ?? []));

/** What a `tell-decisions` step says, per kind of request and decision (each needed in every locale). */
export const DECISION_PROMPTS = ['decision.adjustment.approved', 'decision.adjustment.rejected', 'decision.extension.approved', 'decision.extension.rejected'] as const;

/** Keys the generic step renderer needs in every locale. */
export const REQUIRED_PROMPTS = [
  'generic.choose',
  'generic.confirm',
  'generic.input',
  'generic.done',
  'choose.option',
  'choose.skip',
  'paging.more',
  'paging.again',
  'confirm.options',
  'input.amount',
  'input.amount-optional',
  'input.digits',
  'input.text',
  'input.date',
  'error.no-input',
  'error.no-match',
  'error.not-valid',
  'error.unexpected',
  'agent.hint',
  'wait.message',
  'fallback.apology',
  'auth.pin-wrong',
  'auth.account-or-pin-wrong',
] as const;
