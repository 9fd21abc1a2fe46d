/**
 * One webhook's worth of work: the call state (mutated in place, written once at the end by
 * the router) and what verbs need to speak, ask and move to another step.
 */
import type { Care, Ctx } from '../../../domain/care';
import type { CatalogText } from '../../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../../domain/understanding/language-understanding';
import type { CallState } from '../call-state';
import type { Flows } from '../flows/load-flows';
import type { FlowNode } from '../flows/flow-schema';
import type { FactValues } from '../flows/prompt-template';
import type { GatherSpec, SpeechPlan, Utterance } from '../twiml/speech-plan';
import type { VoiceLogger } from '../voice-logger';
import type { CallerInput } from './matching';

export interface VoiceRuntime {
  care: Care;
  flows: Flows;
  logger: VoiceLogger;
  /** Absolute URL Twilio fetches while a caller waits in a queue. */
  waitUrl: string;
  twilioWorkflowSid?: string;
  /** Speech understood like chat text (the shared classifier); without it only keys and listed words are heard. */
  language?: LanguageUnderstanding;
  /** Catalog content in the caller's language. */
  catalogText?: CatalogText;
}

/** How a step is entered: fresh (reset retries/paging), again (re-prompt), or keeping the page. */
export type EnterMode = 'fresh' | 'again' | 'page';

export interface Turn {
  rt: VoiceRuntime;
  state: CallState;
  ctx: Ctx;
  say(key: string, facts?: FactValues, fallbackKey?: string): Utterance;
  hasPrompt(key: string): boolean;
  gather(spec: Partial<GatherSpec> & Pick<GatherSpec, 'input'>): GatherSpec;
  /** Moves the call to a step and returns what the caller hears there. */
  enter(stepId: string, lead?: Utterance[], mode?: EnterMode): Promise<SpeechPlan>;
  /** No input or no match: re-prompt, or hand over to an agent once retries run out. */
  retry(lead?: Utterance[]): Promise<SpeechPlan>;
  /** Re-prompts after silence ("I didn't hear") or an answer that fits nothing ("I didn't get that"). */
  noMatch(input: CallerInput): Promise<SpeechPlan>;
  /** The agent step (caller asked, or the IVR gives up). */
  toAgent(lead?: Utterance[]): Promise<SpeechPlan>;
  agentWords(): string[];
}

export interface VerbHandler<N extends FlowNode> {
  enter(t: Turn, node: N, lead: Utterance[], mode: EnterMode): Promise<SpeechPlan>;
  /** Missing for steps that never wait for the caller. */
  input?(t: Turn, node: N, input: CallerInput): Promise<SpeechPlan>;
  /** True when these keys are a valid answer here, so no global key (agent, menu) may take them. */
  isAnswer?(t: Turn, node: N, input: CallerInput): boolean;
}
