/**
 * Understanding free text and speech: what the customer wants (an intent) and the values inside
 * what they said (dates, amounts, ordinals, yes/no). One port for every channel: chat messages
 * and the IVR's speech results go through the same classifier and the same entity extraction.
 */
import { PROCEDURES } from '../procedures/procedure';
import type { AskStep, StepAnswer } from './step-answer';

/** Interruptions a classifier may recognise in free text ("can I speak to a human please"). */
export const COMMAND_INTENTS = ['agent', 'help', 'resume', 'start-over', 'cancel', 'menu'] as const;
export type CommandIntent = (typeof COMMAND_INTENTS)[number];

/** Everything the classifier can answer: a procedure, a command, or a bare yes/no. */
export const INTENTS = [...PROCEDURES, ...COMMAND_INTENTS, 'yes', 'no'] as const;
export type Intent = (typeof INTENTS)[number];

export type UnderstandingLocale = 'en' | 'es';

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** A calendar date named in the text (in the operator's time zone), with the part of the day when said. */
export interface NamedDate {
  /** YYYY-MM-DD */
  date: string;
  /** Only when the text named the day itself (a weekday, "tomorrow", "december 17"); "in december" has none. */
  dayKnown: boolean;
  part?: DayPart;
}

/** "the second one" is 2; "the last one", "the latest one" is 'last'; "the first one", "the earliest" is 1. */
export type Ordinal = number | 'last';

export interface Entities {
  dates: NamedDate[];
  /** Amounts of money in minor units ("twelve fifty", "$12.50", "12 dollars"). */
  amountsMinor: number[];
  ordinal?: Ordinal;
  /** A yes or a no ("yes please", "sí claro", "no thanks"). */
  yesNo?: boolean;
  /** A bare number said alone ("2", "option two"). */
  number?: number;
}

export interface Understood {
  /** The best intent, or null when none is likely enough. */
  intent: Intent | null;
  /** The classifier's confidence in `intent` (0..1); channels confirm below their threshold. */
  score: number;
  entities: Entities;
}

export interface UnderstandOptions {
  /** The instant relative dates are resolved from ("next week"); default now. */
  now?: Date;
  /** The operator's time zone (IANA) dates are named in; default UTC. */
  timeZone?: string;
}

/** The port. The adapter trains once per process; `understand` waits for training. */
export interface LanguageUnderstanding {
  understand(text: string, locale: UnderstandingLocale, opts?: UnderstandOptions): Promise<Understood>;
  /** The answer to a step in what was said (an option id, a yes/no, a date, an amount), or null. */
  answer(step: AskStep, text: string, locale: UnderstandingLocale, opts?: UnderstandOptions): Promise<StepAnswer | null>;
  /** The language a message is clearly written in ("hola, me cobraron dos veces" is es), or null when unsure. */
  guessLocale(text: string): Promise<UnderstandingLocale | null>;
  /** Resolves when ready; rejects when the training data is bad (start-up fails). */
  ready(): Promise<void>;
  /** Words callers use, for a speech recogniser's hints (optional: without it only listed words are hinted). */
  vocabulary?(locale: UnderstandingLocale): Promise<Vocabulary>;
}

/** What customers say, as short phrases: per intent ("my bill", "no dial tone"), and the words they use for options ("fibre", "landline"). */
export interface Vocabulary {
  intents: Record<Intent, string[]>;
  optionWords: string[];
}

/** Below this score an intent is not acted on without the customer's confirmation. */
export const CONFIDENT = 0.8;
