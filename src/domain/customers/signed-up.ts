/**
 * After the sign-up procedure on a voice call or chat: the person proved their phone with a
 * one-time code inside it, so the contact continues as that new customer, verified.
 */
import type { CustomersApi } from '../care';
import type { CareDeps } from '../deps';
import type { Actor } from '../shared/actor';
import { appendStep } from '../interactions/interactions-api';
import { decodeProcedure } from '../procedures/procedure-codec';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';

export function createSignedUp(deps: Pick<CareDeps, 'stores' | 'clock'>): CustomersApi['signedUp'] {
  return async (interactionId, ctx, prefs = {}) => {
    const i = await deps.stores.interactions.get(interactionId);
    const proc = i?.procedure ? decodeProcedure(i.procedure) : undefined;
    const customerId = proc?.answers.$customerId;
    const proved = proc?.name === 'new-customer' && proc.status === 'done' && proc.answers.code === true && typeof customerId === 'string';
    if (!i || i.status !== 'open' || i.channel !== ctx.channel || !proved || (i.customerId && i.customerId !== customerId)) {
      fail('NOT_VERIFIED', 'no sign-up was completed on this contact');
    }
    let customer = (await deps.stores.customers.get(customerId as string)) ?? fail('UNKNOWN_CUSTOMER', 'no such customer');
    // The language the person signed up in is the one they'll be greeted in next time.
    const locale = prefs.locale;
    if (locale && customer.locale !== locale) customer = await updateWithRetry(deps.stores.customers, customer.id, (c) => (c.locale === locale ? null : { ...c, locale }));
    const actor: Actor = { kind: 'customer', channel: ctx.channel, source: ctx.source, verification: 'verified', customerId: customer.id };
    await updateWithRetry(deps.stores.interactions, i.id, (current) =>
      current.customerId === customer.id && current.verification === 'verified'
        ? null
        : { ...current, customerId: customer.id, verification: 'verified' as const, steps: appendStep(current, { at: deps.clock.now().toISOString(), name: 'verified', detail: { by: 'sign-up' } }) },
    );
    return { actor, firstName: customer.firstName };
  };
}
