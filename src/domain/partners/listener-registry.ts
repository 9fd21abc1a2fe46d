/**
 * Registering partners' listeners and owing them events. The callback URL is outside input that
 * makes us call out: `checkCallback` (an adapter: scheme, and in production public addresses
 * only) refuses what it must before anything is stored. An owed event is a notification record
 * whose id is derived from the listener and the event key, so owing it twice stores it once.
 */
import { randomBytes } from 'node:crypto';
import type { Stores } from '../ports/store';
import type { Clock, IdGenerator } from '../shared/ports';
import type { SubmissionKind } from '../deps';
import { fail, isDomainError } from '../shared/errors';
import { newSubmission } from '../shared/guards';
import type { Partner } from './partner';
import { eventTypesOf, type ListenedApi, type PartnerListener, type PartnerNotification } from './listeners';

export interface ListenerRegistryDeps {
  stores: Pick<Stores, 'listeners' | 'notifications'>;
  clock: Clock;
  ids: IdGenerator;
  /** Throws (any error; its message is shown) when the callback may not be called. */
  checkCallback(url: string): Promise<void>;
  deliverNow(kind: SubmissionKind, id: string): Promise<void>;
  /** Listeners one partner may hold per API. */
  maxPerApi?: number;
}

export interface ListenerRegistry {
  register(partner: Partner, api: ListenedApi, input: { callback: string; query?: string }): Promise<PartnerListener>;
  /** NOT_FOUND for a listener that is not this partner's. */
  remove(partner: Partner, api: ListenedApi, listenerId: string): Promise<void>;
  listenersOf(api: ListenedApi): Promise<PartnerListener[]>;
  /** Stores the notification once (by listener and event key) and tries to deliver it at once. */
  owe(listener: PartnerListener, event: { key: string; eventType: string; body: string }): Promise<void>;
}

export function createListenerRegistry(deps: ListenerRegistryDeps): ListenerRegistry {
  const max = deps.maxPerApi ?? 10;
  return {
    async register(partner, api, input) {
      if (typeof input.callback !== 'string' || input.callback.length === 0) fail('VALIDATION_FAILED', 'callback is required', { field: 'callback' });
      try {
        await deps.checkCallback(input.callback);
      } catch (e) {
        fail('VALIDATION_FAILED', `callback refused: ${(e as Error).message}`, { field: 'callback' });
      }
      if ((await deps.stores.listeners.count({ partnerId: partner.id, api })) >= max) fail('LIMIT_EXCEEDED', `at most ${max} listeners per API`, { max });
      return deps.stores.listeners.insert({
        id: deps.ids.next('hub'),
        partnerId: partner.id,
        api,
        callback: input.callback,
        ...(input.query ? { query: input.query.slice(0, 500) } : {}),
        eventTypes: eventTypesOf(input.query),
        signingKey: randomBytes(32).toString('base64url'),
        createdAt: deps.clock.now().toISOString(),
      });
    },
    async remove(partner, api, listenerId) {
      const listener = await deps.stores.listeners.get(listenerId);
      if (!listener || listener.partnerId !== partner.id || listener.api !== api) fail('NOT_FOUND', 'no such listener', { id: listenerId });
      await deps.stores.listeners.delete(listenerId);
    },
    listenersOf: (api) => deps.stores.listeners.find({ api }),
    async owe(listener, event) {
      const now = deps.clock.now();
      const id = `ntf-${listener.id}-${event.key}`;
      const notification: Omit<PartnerNotification, 'version'> = {
        id,
        listenerId: listener.id,
        partnerId: listener.partnerId,
        eventType: event.eventType,
        body: event.body,
        createdAt: now.toISOString(),
        submission: newSubmission(id, now),
      };
      try {
        await deps.stores.notifications.insert(notification);
      } catch (e) {
        if (isDomainError(e) && e.code === 'DUPLICATE') return;
        throw e;
      }
      await deps.deliverNow('notification', id);
    },
  };
}
