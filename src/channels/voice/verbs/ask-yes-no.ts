/** A yes/no question of the flow's own ("Anything else?"): 1 or yes, 2 or no. */
import type { NodeOf } from '../flows/flow-schema';
import { saysAny, singleKey } from '../interpreter/matching';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

export const askYesNo: VerbHandler<NodeOf<'ask-yes-no'>> = {
  async enter(t, node, lead) {
    const words = t.rt.flows.locales[t.state.locale].words;
    return plan(t.state.locale, [...lead, t.say(node.prompt)], { gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints: [...words.yes, ...words.no] }) });
  },
  async input(t, node, input) {
    const words = t.rt.flows.locales[t.state.locale].words;
    const key = singleKey(input);
    if (key === '1' || saysAny(input.speech, words.yes)) return t.enter(node.next.yes);
    if (key === '2' || saysAny(input.speech, words.no)) return t.enter(node.next.no);
    return t.noMatch(input);
  },
};
