/** The caller picks a language; each option is spoken in its own language. */
import type { NodeOf } from '../flows/flow-schema';
import { fillTemplate } from '../flows/prompt-template';
import { saysAny, singleKey } from '../interpreter/matching';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

export const chooseLocale: VerbHandler<NodeOf<'choose-locale'>> = {
  async enter(t, node, lead) {
    const locales = t.rt.flows.locales;
    const say = node.options.map((o) => ({
      locale: o.locale,
      text: fillTemplate(locales[o.locale].prompts[node.prompt ?? 'language.choose'] ?? '', { key: o.key }, o.locale),
    }));
    return plan(t.state.locale, [...lead, ...say], { gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints: node.options.flatMap((o) => o.words) }) });
  },
  async input(t, node, input) {
    const key = singleKey(input);
    const chosen = node.options.find((o) => o.key === key) ?? node.options.find((o) => saysAny(input.speech, o.words));
    if (!chosen) return t.noMatch(input);
    t.state.locale = chosen.locale;
    return t.enter(node.next);
  },
};
