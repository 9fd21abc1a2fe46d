/**
 * Compact signed tokens: base64url(JSON payload) "." base64url(HMAC-SHA256(payload)).
 * The payload holds the Actor a channel acts as, an audience (so a portal token is no chat
 * token) and an expiry. Stateless: nothing to store, nothing to look up; a changed secret
 * invalidates every token.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '../domain/shared/actor';
import { CHANNELS, VERIFICATION_LEVELS } from '../domain/shared/actor';
import type { Clock } from '../domain/shared/ports';

const actorSchema = z.strictObject({
  kind: z.enum(['customer', 'csr', 'system']),
  channel: z.enum(CHANNELS),
  verification: z.enum(VERIFICATION_LEVELS),
  customerId: z.string().min(1).optional(),
  csrId: z.string().min(1).optional(),
  csrRole: z.enum(['agent', 'senior', 'supervisor']).optional(),
});

const payloadSchema = z.strictObject({
  aud: z.string().min(1),
  /** Seconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
  actor: actorSchema,
});
export type TokenPayload = z.output<typeof payloadSchema>;

export interface TokenSigner {
  sign(actor: Actor, audience: string): { token: string; expiresAt: string };
  /** The actor, or null for anything malformed, forged, expired or for another audience. */
  verify(token: string, audience: string): Actor | null;
}

const b64 = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

export function createTokenSigner(secret: string, opts: { ttlSeconds?: number; clock?: Clock } = {}): TokenSigner {
  if (secret.length < 32) throw new RangeError('token secret must be at least 32 characters');
  const ttl = opts.ttlSeconds ?? 30 * 60;
  const now = () => Math.floor((opts.clock?.now() ?? new Date()).getTime() / 1000);
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();

  return {
    sign(actor, audience) {
      const iat = now();
      // Only identity travels; the request source (IP) is taken fresh from each request.
      const { kind, channel, verification, customerId, csrId, csrRole } = actor;
      const payload: TokenPayload = { aud: audience, iat, exp: iat + ttl, actor: { kind, channel, verification, customerId, csrId, csrRole } };
      const body = b64(JSON.stringify(payload));
      return { token: `${body}.${b64(mac(body))}`, expiresAt: new Date((iat + ttl) * 1000).toISOString() };
    },
    verify(token, audience) {
      if (token.length > 4096) return null;
      const parts = token.split('.');
      if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]) || !/^[A-Za-z0-9_-]+$/.test(parts[1])) return null;
      const given = Buffer.from(parts[1], 'base64url');
      const expected = mac(parts[0]);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const parsed = payloadSchema.safeParse(json);
      if (!parsed.success || parsed.data.aud !== audience || parsed.data.exp <= now()) return null;
      const a = parsed.data.actor;
      const actor: Actor = {
        kind: a.kind,
        channel: a.channel,
        verification: a.verification,
        ...(a.customerId !== undefined ? { customerId: a.customerId } : {}),
        ...(a.csrId !== undefined ? { csrId: a.csrId } : {}),
        ...(a.csrRole !== undefined ? { csrRole: a.csrRole } : {}),
      };
      return actor;
    },
  };
}
