/**
 * Partners' listeners (TMF `POST /hub`) and the notifications owed to them. A notification is a
 * record with its own submission, delivered by the outbox like an order: at least once, retried
 * with back-off, dead-lettered after the last attempt. Its id is derived from the listener and
 * the event, so the same event seen twice (two processes, a replay) is owed once.
 */
import type { StoredRecord, Submission } from '../shared/record';

/** The header carrying each delivery's HMAC-SHA256 signature: `t=<unix seconds>,v1=<hex>` over `<t>.<body>`. */
export const SIGNATURE_HEADER = 'X-Telecare-Signature';

/** The TMF APIs a partner may listen to. */
export const LISTENED_APIS = ['productOrder', 'troubleTicket', 'product', 'customerBill', 'productCatalog'] as const;
export type ListenedApi = (typeof LISTENED_APIS)[number];

export interface PartnerListener extends StoredRecord {
  partnerId: string;
  api: ListenedApi;
  /** Where events are POSTed (checked when registered, and again before every delivery). */
  callback: string;
  /** The TMF `query` the partner registered with (e.g. `eventType=ProductOrderStateChangeEvent`). */
  query?: string;
  /** Event types this listener wants; empty = every event of the API. */
  eventTypes: string[];
  /** Key of the HMAC signature on every delivery (given to the partner once, at registration). */
  signingKey: string;
  createdAt: string;
}

export interface PartnerNotification extends StoredRecord {
  listenerId: string;
  partnerId: string;
  eventType: string;
  /** The event as JSON text, exactly as it is sent (and signed). */
  body: string;
  createdAt: string;
  submission: Submission;
}

/** What sends a notification to its listener; throws when it was not accepted (2xx), so the outbox retries. */
export interface ListenerDelivery {
  deliver(listener: Pick<PartnerListener, 'callback' | 'signingKey' | 'id'>, notification: Pick<PartnerNotification, 'id' | 'eventType' | 'body'>): Promise<void>;
}

/** The listener wants this event type (by its registration's query). */
export const wants = (listener: Pick<PartnerListener, 'eventTypes'>, eventType: string): boolean =>
  listener.eventTypes.length === 0 || listener.eventTypes.includes(eventType);

/** The event types named by a TMF hub query (`eventType=A,B` or `eventType=A&eventType=B`); [] for all. */
export function eventTypesOf(query: string | undefined): string[] {
  if (!query) return [];
  const params = new URLSearchParams(query);
  return params.getAll('eventType').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}
