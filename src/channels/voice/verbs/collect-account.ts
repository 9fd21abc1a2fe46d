/** Account-number fallback for callers we could not identify by their number. */
import { anonymous } from '../../../domain/shared/actor';
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';
import { keyName } from '../../../shared/format/speech/speak-facts';

const MAX_ACCOUNT_TRIES = 3;

export const collectAccount: VerbHandler<NodeOf<'collect-account'>> = {
  async enter(t, node, lead) {
    if (t.state.accountTries >= MAX_ACCOUNT_TRIES) return t.enter(node.tooMany, lead);
    t.state.actor = anonymous('voice', t.state.from);
    const join = node.newCustomer ? [t.say(node.newCustomer.prompt, { key: keyName(node.newCustomer.key, t.state.locale) })] : [];
    return plan(t.state.locale, [...lead, t.say(node.prompt ?? 'auth.account-number'), ...join], { gather: t.gather({ input: 'dtmf', finishOnKey: '#' }) });
  },
  async input(t, node, input) {
    if (node.newCustomer && (input.digits === node.newCustomer.key || input.digits === `${node.newCustomer.key}#`)) {
      t.state.procedure = undefined;
      t.state.step = undefined;
      return t.enter(node.newCustomer.step);
    }
    if (!/^\d{4,20}$/.test(input.digits)) return t.noMatch(input);
    t.state.accountNumber = input.digits;
    return t.enter(node.next);
  },
};
