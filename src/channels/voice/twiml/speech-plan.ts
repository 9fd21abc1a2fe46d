/** What the caller hears next, as plain data; render-twiml.ts turns it into TwiML. */
import type { FlowLocale } from '../flows/flow-schema';

export interface Utterance {
  text: string;
  /** Defaults to the plan's locale (the language menu speaks each option in its own). */
  locale?: FlowLocale;
}

export interface GatherSpec {
  input: 'dtmf' | 'speech' | 'dtmf speech';
  timeout: number;
  speechTimeout?: 'auto' | number;
  numDigits?: number;
  finishOnKey?: string;
  hints?: string[];
}

export type PlanEnd =
  | { kind: 'hangup' }
  | { kind: 'enqueue'; queue: string; waitUrl: string }
  | { kind: 'enqueue-workflow'; workflowSid: string; task: Record<string, string>; waitUrl: string }
  | { kind: 'play-loop'; url?: string };

export interface SpeechPlan {
  locale: FlowLocale;
  say: Utterance[];
  /** Ask and post the answer to the step URL (then redirect there on silence). */
  gather?: GatherSpec;
  end?: PlanEnd;
}

export const plan = (locale: FlowLocale, say: Utterance[], rest: Partial<Omit<SpeechPlan, 'locale' | 'say'>> = {}): SpeechPlan => ({ locale, say, ...rest });
