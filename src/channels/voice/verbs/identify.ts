/** Who is probably calling, from the calling number (identified, not yet verified). */
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';

export const identify: VerbHandler<NodeOf<'identify'>> = {
  async enter(t, node, lead) {
    const { care } = t.rt;
    const found = t.state.from ? await care.verification.identifyByPhone(t.state.from, t.ctx).catch(() => null) : null;
    if (!found) return t.enter(node.next.unknown, lead);
    t.state.actor = found.actor;
    t.state.firstName = found.firstName;
    if (t.state.interactionId) await care.interactions.attach(t.state.interactionId, found.actor);
    const hello = t.hasPrompt('auth.hello') ? [t.say('auth.hello', { firstName: found.firstName })] : [];
    return t.enter(node.next.identified, [...lead, ...hello]);
  },
};
