/**
 * The flow interpreter: one verb handler per step kind (src/channels/voice/verbs), a Turn that
 * lets them speak, ask and move on, and the two entry points the webhooks call.
 */
import type { Ctx } from '../../../domain/care';
import type { CallState } from '../call-state';
import type { FlowNode, Verb } from '../flows/flow-schema';
import type { SpeechPlan, Utterance } from '../twiml/speech-plan';
import { spokenPrompt } from '../speech/spoken-prompt';
import { askYesNo } from '../verbs/ask-yes-no';
import { chooseLocale } from '../verbs/choose-locale';
import { collectAccount } from '../verbs/collect-account';
import { escalate } from '../verbs/escalate';
import { hangup } from '../verbs/hangup';
import { identify } from '../verbs/identify';
import { menu } from '../verbs/menu';
import { offerResume } from '../verbs/offer-resume';
import { nextBestOffer } from '../verbs/next-best-offer';
import { procedure } from '../verbs/procedure';
import { say } from '../verbs/say';
import { tellDecisions } from '../verbs/tell-decisions';
import { verifyPin } from '../verbs/verify-pin';
import { isEmpty, saysAny, type CallerInput } from './matching';
import type { EnterMode, Turn, VerbHandler, VoiceRuntime } from './turn';

const VERBS: { [V in Verb]: VerbHandler<Extract<FlowNode, { do: V }>> } = {
  'choose-locale': chooseLocale,
  identify,
  'collect-account': collectAccount,
  'verify-pin': verifyPin,
  'tell-decisions': tellDecisions,
  'offer-resume': offerResume,
  'next-best-offer': nextBestOffer,
  menu,
  procedure,
  'ask-yes-no': askYesNo,
  say,
  escalate,
  hangup,
};

/** Steps chained without waiting for the caller, before we suspect a loop in the flow. */
const MAX_HOPS = 25;

function handler(node: FlowNode): VerbHandler<FlowNode> {
  return VERBS[node.do] as VerbHandler<FlowNode>;
}

export function createTurn(rt: VoiceRuntime, state: CallState, ctx: Ctx): Turn {
  const { flows } = rt;
  let hops = 0;
  const prompts = () => flows.locales[state.locale].prompts;
  const turn: Turn = {
    rt,
    state,
    ctx,
    hasPrompt: (key) => key in prompts(),
    say(key, facts = {}, fallbackKey) {
      const p = prompts();
      const template = p[key] ?? (fallbackKey ? p[fallbackKey] : undefined) ?? '';
      return { text: spokenPrompt(template, facts, state.locale, flows.settings.timeZone) };
    },
    gather(spec) {
      const g = flows.settings.gather;
      return { timeout: g.timeout, ...(spec.input !== 'dtmf' ? { speechTimeout: g.speechTimeout } : {}), ...spec };
    },
    async enter(stepId, lead = [], mode: EnterMode = 'fresh') {
      hops += 1;
      if (hops > MAX_HOPS) throw new Error(`flow loop: more than ${MAX_HOPS} steps without asking the caller (at "${stepId}")`);
      const node = flows.steps.get(stepId);
      if (!node) throw new Error(`flow step "${stepId}" does not exist`);
      if (stepId !== state.node || mode === 'fresh') {
        state.attempts = 0;
        if (mode !== 'page') state.page = 0;
      }
      state.node = stepId;
      return handler(node).enter(turn, node, lead.filter((u) => u.text), mode);
    },
    async retry(lead = [turn.say('error.no-match')]) {
      state.attempts += 1;
      if (state.attempts > flows.settings.gather.retries) return turn.toAgent(lead);
      return turn.enter(state.node, lead, 'again');
    },
    noMatch(input) {
      return turn.retry([turn.say(isEmpty(input) ? 'error.no-input' : 'error.no-match')]);
    },
    toAgent(lead = []) {
      return turn.enter(flows.settings.agentStep, lead);
    },
    agentWords: () => flows.locales[state.locale].words.agent,
  };
  return turn;
}

/** A new call: the flow's first step. */
export function startCall(t: Turn): Promise<SpeechPlan> {
  return t.enter(t.rt.flows.start);
}

/**
 * The caller's answer to the step they are in. "Agent" works anywhere; the agent key too, except
 * where it is a valid answer itself (an amount or a number of "0").
 */
export function answerCall(t: Turn, input: CallerInput): Promise<SpeechPlan> {
  const { flows } = t.rt;
  const node = flows.steps.get(t.state.node);
  const verb = node ? handler(node) : undefined;
  const agentKey = input.digits === flows.settings.agentKey && !(node && verb?.isAnswer?.(t, node, input));
  if (agentKey || saysAny(input.speech, t.agentWords())) return t.toAgent();
  if (!node || !verb) return t.toAgent();
  if (!verb.input) return t.enter(t.state.node);
  return verb.input(t, node, input);
}

export type { Utterance };
