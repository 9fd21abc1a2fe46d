/** Who is probably calling, from the calling number (identified, not yet verified). */
import type { NodeOf } from '../flows/flow-schema';
import type { VerbHandler } from '../interpreter/turn';

export const identify: VerbHandler<NodeOf<'identify'>> = {
  async enter(t, node, lead) {
    const { care } = t.rt;
    const found = t.state.from ? await care.verification.identifyByPhone(t.state.from, t.ctx).catch(() => null) : null;
    if (!found) return t.enter(node.next.unknown, lead);
    t.state.actor = found.actor;
    // A locked account's name is not said to whoever holds the phone: it waits for verification.
    if (!found.locked) t.state.firstName = found.firstName;
    if (t.state.interactionId) await care.interactions.attach(t.state.interactionId, found.actor);
    const hello = t.state.firstName && t.hasPrompt('auth.hello') ? [t.say('auth.hello', { firstName: t.state.firstName })] : [];
    return t.enter(node.next.identified, [...lead, ...hello]);
  },
};
