/**
 * Delivers a TMF event to a partner's listener: POST the stored JSON with an HMAC-SHA256
 * signature over `<timestamp>.<body>` keyed by the listener's signing key, so the partner can
 * tell the event is ours and fresh. Not 2xx, a timeout or a refused address is a failure the
 * outbox retries, then dead-letters.
 */
import { createHmac } from 'node:crypto';
import type { ListenerDelivery } from '../../domain/partners/listeners';
import type { Clock } from '../../domain/shared/ports';
import { httpCall } from './http-json';

import { SIGNATURE_HEADER } from '../../domain/partners/listeners';

export { SIGNATURE_HEADER };
export const EVENT_ID_HEADER = 'X-Telecare-Event-Id';

/** `t=<unix seconds>,v1=<hex hmac>` over `${t}.${body}`. */
export function signature(key: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', key).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export function createHttpListenerDelivery(opts: { allowPrivate: boolean; timeoutMs?: number; clock?: Clock }): ListenerDelivery {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    async deliver(listener, notification) {
      const t = Math.floor((opts.clock?.now() ?? new Date()).getTime() / 1000);
      await httpCall(
        {
          method: 'POST',
          url: listener.callback,
          body: notification.body,
          headers: { [SIGNATURE_HEADER]: signature(listener.signingKey, notification.body, t), [EVENT_ID_HEADER]: notification.id },
          timeoutMs,
        },
        { allowPrivate: opts.allowPrivate },
      );
    },
  };
}
