/** Every stored document has an id and an optimistic-concurrency version (set by the store). */
export interface StoredRecord {
  readonly id: string;
  /** Incremented by the store on every successful replace; a stale version is a CONFLICT. */
  readonly version: number;
}

/**
 * A submission to a back-end system, embedded in the record it submits (order, adjustment,
 * extension, ticket) so that creating the record and queueing it is one document write.
 * The worker drains records whose submission is pending and due.
 */
export interface Submission {
  state: 'pending' | 'delivered' | 'dead';
  /** Sent to the back-end with every attempt; the back-end deduplicates on it. */
  idempotencyKey: string;
  attempts: number;
  /** UTC ISO; when the next attempt is due. */
  nextAttemptAt: string;
  /** UTC ISO; a worker that claimed it holds it until then. */
  leaseUntil?: string;
  lastError?: string;
  deliveredAt?: string;
  /** The back-end's own reference once accepted. */
  externalRef?: string;
}
