/**
 * After verification: the supervisor's decisions on the caller's requests (credits, payment
 * extensions) that no channel has told yet. The domain marks each one told as it hands it over,
 * so a decision heard here is not said again on chat, and one read on chat is not said here.
 */
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';
import { keyName, speakMonth } from '../../../shared/format/speech/speak-facts';

/** A note as a sentence of its own ("double charge" → "double charge."). */
const sentence = (note: string | undefined): string | null => {
  const text = note?.trim();
  if (!text) return null;
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

export const tellDecisions: VerbHandler<NodeOf<'tell-decisions'>> = {
  async enter(t, node, lead) {
    // Not being able to look must not keep the caller from the menu: the next contact looks again.
    const notices = await t.rt.care.billing.decisionNotices(t.state.actor).catch(() => []);
    const { locale } = t.state;
    const key = keyName(t.rt.flows.settings.agentKey, locale);
    const told = notices.map((n) =>
      t.say(`decision.${n.kind}.${n.decision}`, {
        amount: n.amount ?? null,
        bill: n.billPeriod ? speakMonth(n.billPeriod, locale) : null,
        toDate: n.toDate ?? null,
        note: sentence(n.note),
        key,
      }),
    );
    return t.enter(node.next, [...lead, ...told]);
  },
};
