/**
 * The main menu: the flow lists procedures in the operator's order and wording; only those the
 * domain allows this caller now are offered (never a fixed list). Paged for long menus.
 */
import { allWords, wordsIn, type NodeOf } from '../flows/flow-schema';
import { pickFromList, speakList, turnPage, type ListItem } from '../interpreter/choice-list';
import { menuHints } from '../interpreter/speech-hints';
import type { Turn, VerbHandler } from '../interpreter/turn';
import { saysAny, singleKey, type CallerInput } from '../interpreter/matching';
import { CONFIDENT } from '../../../domain/understanding/language-understanding';
import { plan } from '../twiml/speech-plan';
import { familySpoken } from './repair-family';
import { procedureSpoken } from '../interpreter/speech-understood';

type MenuNode = NodeOf<'menu'>;

function offered(t: Turn, node: MenuNode): MenuNode['items'] {
  const allowed = new Set(t.rt.care.procedures.available(t.state.actor).filter((p) => p.allowed).map((p) => p.name));
  return node.items.filter((i) => !('procedure' in i) || allowed.has(i.procedure));
}

const asList = (t: Turn, items: MenuNode['items']): ListItem[] => items.map((i) => ({ label: t.say(i.label).text, words: allWords(i.words) }));

export const menu: VerbHandler<MenuNode> = {
  async enter(t, node, lead) {
    const items = offered(t, node);
    const list = asList(t, items);
    const say = [...lead];
    if (node.prompt) say.push(t.say(node.prompt));
    say.push(...speakList(t, list));
    if (t.state.attempts > 0) say.push(t.say('agent.hint', { key: t.rt.flows.settings.agentKey }));
    const words = items.flatMap((i) => wordsIn(i.words, t.state.locale));
    const hints = await menuHints(t, list, words, items.flatMap((i) => ('procedure' in i ? [i.procedure] : [])));
    return plan(t.state.locale, say, { gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints }) });
  },
  async input(t, node, input) {
    const items = offered(t, node);
    if (t.state.menuGuess) {
      // "Did you want help with a charge on your bill?": 1 or yes takes it, anything else lists the menu.
      const guess = t.state.menuGuess;
      t.state.menuGuess = undefined;
      const words = t.rt.flows.locales[t.state.locale].words;
      const yes = singleKey(input) === '1' || saysAny(input.speech, words.yes);
      const item = items.find((i) => 'procedure' in i && i.procedure === guess);
      if (yes && item && 'procedure' in item) return pickItem(t, node, item, input);
      return t.enter(t.state.node, [], 'again');
    }
    const pick = pickFromList(t, asList(t, items), input);
    if (pick.kind === 'more') {
      turnPage(t, items.length);
      return t.enter(t.state.node, [], 'page');
    }
    let index = pick.kind === 'item' ? pick.index : -1;
    if (pick.kind === 'none' && input.digits === '') {
      // "I was charged twice": what the caller said, understood, picks the item of that procedure.
      const offeredProcedures = items.flatMap((i) => ('procedure' in i ? [i.procedure] : []));
      const heard = await procedureSpoken(t, input.speech, offeredProcedures);
      if (heard && heard.score < CONFIDENT) {
        // Not sure enough: the caller confirms before anything starts.
        t.state.menuGuess = heard.procedure;
        const label = items.find((i) => 'procedure' in i && i.procedure === heard.procedure)?.label;
        const words = t.rt.flows.locales[t.state.locale].words;
        return plan(t.state.locale, [t.say('menu.confirm-guess', { label: label ? t.say(label).text : heard.procedure })], { gather: t.gather({ input: 'dtmf speech', numDigits: 1, hints: [...words.yes, ...words.no] }) });
      }
      if (heard) index = items.findIndex((i) => 'procedure' in i && i.procedure === heard.procedure);
    }
    if (index < 0) return t.noMatch(input);
    return pickItem(t, node, items[index], input);
  },
};

function pickItem(t: Turn, node: MenuNode, item: MenuNode['items'][number], input: CallerInput) {
  if ('goto' in item) return t.enter(item.goto);
  t.state.procedure = item.procedure;
  t.state.step = undefined;
  // "My TV isn't working": the family named narrows the repair (spoken only; keys are unchanged).
  t.state.repairFamily = item.procedure === 'repair' && input.digits === '' ? (familySpoken(t, input.speech) ?? undefined) : undefined;
  return t.enter(node.next);
}
