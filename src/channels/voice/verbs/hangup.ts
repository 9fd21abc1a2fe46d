/** Goodbye. The interaction is closed by the status callback, which knows the duration. */
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';
import { plan } from '../twiml/speech-plan';

export const hangup: VerbHandler<NodeOf<'hangup'>> = {
  async enter(t, node, lead) {
    return plan(t.state.locale, [...lead, t.say(node.prompt)], { end: { kind: 'hangup' } });
  },
};
