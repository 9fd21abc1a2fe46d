/** After verification: offer to continue the last unfinished procedure (any channel). */
import type { NodeOf } from '../flows/flow-schema';
import { saysAny, singleKey } from '../interpreter/matching';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

export const offerResume: VerbHandler<NodeOf<'offer-resume'>> = {
  async enter(t, node, lead) {
    const found = await t.rt.care.procedures.resumable(t.state.actor).catch(() => null);
    if (!found || found.interactionId === t.state.interactionId) return t.enter(node.next, lead);
    t.state.procedure = found.procedure;
    const procedure = t.say(`task.${found.procedure}`).text || found.procedure;
    const words = t.rt.flows.locales[t.state.locale].words;
    return plan(t.state.locale, [...lead, t.say(node.prompt ?? 'resume.offer', { procedure, updatedAt: found.updatedAt })], {
      gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints: [...words.yes, ...words.no] }),
    });
  },
  async input(t, node, input) {
    const words = t.rt.flows.locales[t.state.locale].words;
    const key = singleKey(input);
    if (key === '1' || saysAny(input.speech, words.yes)) {
      const { state } = t;
      if (!state.interactionId) return t.enter(node.next);
      state.step = await t.rt.care.procedures.resume(state.actor, state.interactionId);
      state.procedure = state.step.procedure;
      state.attempts = 0;
      state.page = 0;
      return t.enter(node.procedureStep, [t.say('resume.resumed')], 'again');
    }
    if (key === '2' || saysAny(input.speech, words.no)) {
      t.state.procedure = undefined;
      return t.enter(node.next);
    }
    return t.noMatch(input);
  },
};
