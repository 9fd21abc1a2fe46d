/** Small infrastructure ports every use case may need. */
export interface Clock {
  now(): Date;
}
export interface IdGenerator {
  /** A new unique id, optionally prefixed (e.g. 'ord'). */
  next(prefix?: string): string;
}
/** Slow one-way hash for PINs and passwords (scrypt in the adapter). */
export interface SecretHasher {
  hash(secret: string): Promise<string>;
  /** Constant-time comparison; false on any malformed hash. */
  verify(secret: string, hash: string): Promise<boolean>;
}
/** Per-source throttling (rate-limiter-flexible in the adapter, Redis or memory). */
export interface Throttle {
  /** Consumes one point for the key; resolves false when the key is over its budget. */
  consume(key: string): Promise<boolean>;
}
export const systemClock: Clock = { now: () => new Date() };

/** Told once each time a guided procedure ends (the composition root counts it, e.g. in Prometheus). Must not throw. */
export type ProcedureOutcomeSink = (event: { channel: string; procedure: string; outcome: string }) => void;
