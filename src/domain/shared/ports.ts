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
/** What a rate limit says about a key: whether this hit was allowed, points spent in the window, when to come back. */
export interface RateLimitState {
  allowed: boolean;
  /** Points spent in the current window (above the budget while blocked). */
  consumed: number;
  /** Milliseconds until the window (or the block) ends; 0 when there is none. */
  retryAfterMs: number;
}
/** A named budget per key (rate-limiter-flexible in the adapter, Redis or memory). */
export interface RateLimit {
  /** Spends one point for the key. */
  hit(key: string): Promise<RateLimitState>;
  /** The key's state without spending; null when it has none. */
  peek(key: string): Promise<RateLimitState | null>;
  /** Forgets the key. */
  reset(key: string): Promise<void>;
}
export const systemClock: Clock = { now: () => new Date() };

/** Told once each time a guided procedure ends (the composition root counts it, e.g. in Prometheus). Must not throw. */
export type ProcedureOutcomeSink = (event: { channel: string; procedure: string; outcome: string }) => void;
