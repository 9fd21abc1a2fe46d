import type { Stores } from '../ports/store';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';

/**
 * An interaction id that comes with a request (API bodies, procedure steps) must be the actor's
 * own contact: the interaction of the same customer. Another customer's interaction, or one no
 * customer is attached to, is NOT_FOUND (ids cannot be probed), and nothing is linked to it.
 */
export async function requireOwnInteraction(stores: Pick<Stores, 'interactions'>, actor: Actor, interactionId: string | undefined): Promise<void> {
  if (interactionId === undefined) return;
  const i = await stores.interactions.get(interactionId);
  if (!i || !actor.customerId || i.customerId !== actor.customerId) fail('NOT_FOUND', 'no such interaction', { interactionId, field: 'interactionId' });
}
