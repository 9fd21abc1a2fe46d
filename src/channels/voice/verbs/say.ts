/** Says something and moves on (spoken together with whatever the next step asks). */
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';

export const say: VerbHandler<NodeOf<'say'>> = {
  async enter(t, node, lead) {
    return t.enter(node.next, [...lead, t.say(node.prompt, { firstName: t.state.firstName ?? null })]);
  },
};
