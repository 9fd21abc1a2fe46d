/**
 * Runs a domain procedure by name: asks each Step the domain returns, answers it with what the
 * caller pressed or said, and at the end speaks the outcome and branches on its code (flow `on`).
 * Domain refusals of an answer re-prompt; anything unexpected apologises and hands over.
 */
import type { Step } from '../../../domain/procedures/procedure';
import { isDomainError, type ErrorCode } from '../../../domain/shared/errors';
import { refusalOf } from '../../../domain/shared/refusal';
import type { NodeOf } from '../flows/flow-schema';
import { turnPage } from '../interpreter/choice-list';
import { askUtterances, gatherFor, interpretAnswer } from '../interpreter/step-speech';
import { answerSpoken } from '../interpreter/speech-understood';
import type { Turn, VerbHandler } from '../interpreter/turn';
import { saysAny, type CallerInput } from '../interpreter/matching';
import { keyName } from '../../../shared/format/speech/speak-facts';
import { plan, type SpeechPlan, type Utterance } from '../twiml/speech-plan';
import { familySpoken, narrowedTo, servicesNamed, startRepairNamed } from './repair-family';

type ProcedureNode = NodeOf<'procedure'>;

/** Answers the domain refused as not valid for this step: ask again. */
const REPROMPT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'VALIDATION_FAILED', 'AMOUNT_NOT_VALID', 'LIMIT_EXCEEDED', 'REASON_REQUIRED', 'REASON_NOT_VALID', 'ITEM_NOT_ADJUSTABLE',
  'EXTENSION_NOT_ALLOWED', 'MODIFICATION_NOT_ALLOWED', 'NOT_SERVICEABLE', 'PRODUCT_INCOMPATIBLE', 'QUOTE_EXPIRED',
  // Sign-up: a wrong or expired one-time code, an email already on an account.
  'VERIFICATION_FAILED', 'CODE_EXPIRED', 'DUPLICATE',
]);

async function show(t: Turn, node: ProcedureNode, shown: Step, lead: Utterance[]): Promise<SpeechPlan> {
  const { state } = t;
  // Catalog text (symptoms, reasons, descriptions, diagnoses) in the caller's language.
  const step = t.rt.catalogText ? t.rt.catalogText.localizeStep(shown, state.locale) : shown;
  if (step.kind === 'done') {
    state.step = undefined;
    // A sign-up just proved who the caller is: the rest of the call is the new customer's.
    if (step.refs.customerId && !state.actor.customerId && state.interactionId) {
      const joined = await t.rt.care.customers.signedUp(state.interactionId, t.ctx, { locale: state.locale });
      state.actor = joined.actor;
      state.firstName = joined.firstName;
    }
    state.outcomes.push(`${step.procedure}:${step.outcome}`);
    const said = t.say(step.prompt, { ...step.facts, ...step.refs }, step.prompt.startsWith('refusal.') ? 'refusal.default' : 'generic.done');
    const next = node.on[step.outcome] ?? node.on.default ?? t.rt.flows.settings.agentStep;
    return t.enter(next, [...lead, said]);
  }
  state.step = step;
  // Said once, at the first question where the key is not itself an answer (not where star skips).
  const menuKey = node.menu && !state.menuHintSaid && !isAnswer(t, { digits: node.menu.key, speech: '' }) ? node.menu : undefined;
  const hint = menuKey ? [t.say(menuKey.hint, { key: keyName(menuKey.key, state.locale) })] : [];
  if (hint.length) state.menuHintSaid = true;
  return plan(state.locale, [...lead, ...hint, ...askUtterances(t, step)], { gather: await gatherFor(t, step) });
}

function isAnswer(t: Turn, input: CallerInput): boolean {
  const step = t.state.step;
  return !!step && step.kind !== 'done' && input.digits !== '' && interpretAnswer(t, step, input).kind === 'value';
}

/** `*` (where it is no answer) or "main menu": back to the menu, the draft kept for later. */
function wantsMenu(t: Turn, node: ProcedureNode, input: CallerInput): boolean {
  if (!node.menu) return false;
  if (input.digits === node.menu.key) return !isAnswer(t, input);
  return input.digits === '' && saysAny(input.speech, t.rt.flows.locales[t.state.locale].words.menu);
}

export const procedure: VerbHandler<ProcedureNode> = {
  async enter(t, node, lead, mode) {
    const { state, rt } = t;
    if (mode !== 'fresh' && state.step) return show(t, node, state.step, lead);
    const name = node.procedure ?? state.procedure;
    if (!name || !state.interactionId) return t.toAgent(lead);
    state.procedure = name;
    state.page = 0;
    const family = state.repairFamily;
    state.repairFamily = undefined;
    if (state.paused) {
      const paused = state.paused;
      state.paused = undefined;
      // Picked again after going back to the menu: carry on where the caller left it.
      if (paused === name) return show(t, node, await rt.care.procedures.current(state.actor, state.interactionId), [...lead, t.say('resume.resumed')]);
    }
    if (name === 'repair' && family) {
      const named = await startRepairNamed(t, state.interactionId, family);
      return show(t, node, named.step, [...lead, ...named.lead]);
    }
    return show(t, node, await rt.care.procedures.start(state.actor, state.interactionId, name), lead);
  },
  isAnswer: (t, _node, input) => isAnswer(t, input),
  async input(t, node, input) {
    const { state, rt } = t;
    const step = state.step;
    if (!step || step.kind === 'done' || !state.interactionId) return t.enter(state.node);
    if (node.menu && wantsMenu(t, node, input)) {
      state.paused = state.procedure;
      state.step = undefined;
      const procedure = t.say(`task.${state.procedure}`).text || (state.procedure ?? '');
      return t.enter(node.menu.step, [t.say(node.menu.paused, { procedure })]);
    }
    const answer = interpretAnswer(t, step, input);
    if (answer.kind === 'details') return t.enter(state.node, [t.say('confirm.notes', { notes: step.facts.notes ?? null })], 'page');
    if (answer.kind === 'more') {
      if (step.kind === 'choose') turnPage(t, step.options.length);
      return t.enter(state.node, [], 'page');
    }
    let value = answer.kind === 'value' ? answer.value : undefined;
    const spoken = answer.kind === 'none' && input.digits === '' ? await answerSpoken(t, step, input.speech) : undefined;
    if (spoken !== undefined) value = spoken;
    else if (answer.kind === 'none') {
      // "My TV" at the service question: the one TV is taken; none is said plainly; several are listed alone.
      const family = step.procedure === 'repair' && step.kind === 'choose' && step.field === 'service' && input.digits === '' ? familySpoken(t, input.speech) : null;
      const found = family ? await servicesNamed(t, family) : null;
      if (found?.kind === 'absent') return t.retry([found.said]);
      if (found?.kind !== 'services') return t.noMatch(input);
      if (found.services.length > 1) {
        state.step = narrowedTo(step, found.services.map((x) => x.id));
        return t.enter(state.node, [], 'again');
      }
      value = found.services[0]!.id;
    }
    try {
      const next = await rt.care.procedures.answer(state.actor, state.interactionId, step.field, value);
      state.attempts = 0;
      state.page = 0;
      return await show(t, node, next, []);
    } catch (e) {
      if (!isDomainError(e)) throw e;
      // A refusal that explains itself is spoken from its reason code; what it refuses is not a wrong key press, so a person takes over.
      const refusal = refusalOf(e);
      if (refusal && !REPROMPT.has(e.code)) return t.toAgent([t.say(`refusal.${refusal.reasonCode}`, { ...refusal.facts }, 'refusal.default')]);
      if (REPROMPT.has(e.code)) {
        const worded = refusal && t.hasPrompt(`refusal.${refusal.reasonCode}`) ? `refusal.${refusal.reasonCode}` : undefined;
        if (worded && refusal) return t.retry([t.say(worded, { ...refusal.facts })]);
        const key = `error.${e.code}`;
        return t.retry([t.say(t.hasPrompt(key) ? key : 'error.not-valid', e.details)]);
      }
      rt.logger.warn({ callSid: state.callSid, code: e.code, procedure: state.procedure, field: step.field }, 'voice: procedure refused the answer');
      return t.toAgent([t.say('error.unexpected')]);
    }
  },
};
