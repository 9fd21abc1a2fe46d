/** Account-number fallback for callers we could not identify by their number. */
import { anonymous } from '../../../domain/shared/actor';
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

const MAX_ACCOUNT_TRIES = 3;

export const collectAccount: VerbHandler<NodeOf<'collect-account'>> = {
  async enter(t, node, lead) {
    if (t.state.accountTries >= MAX_ACCOUNT_TRIES) return t.enter(node.tooMany, lead);
    t.state.actor = anonymous('voice', t.state.from);
    return plan(t.state.locale, [...lead, t.say(node.prompt ?? 'auth.account-number')], { gather: t.gather({ input: 'dtmf', finishOnKey: '#' }) });
  },
  async input(t, node, input) {
    if (!/^\d{4,20}$/.test(input.digits)) return t.noMatch(input);
    t.state.accountNumber = input.digits;
    return t.enter(node.next);
  },
};
