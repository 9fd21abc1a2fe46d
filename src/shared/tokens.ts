/**
 * Session tokens: HS256 JWTs (jose) with aud, iat, exp, jti and the Actor a channel acts as in
 * `act` (identity only: the request source is taken fresh from each request). The audience keeps
 * a portal token from being a staff or chat token. `sv`, when present, is the customer's session
 * version the token was issued under; whether that session is still current (not signed out, not
 * revoked by a lock or a PIN change) is the caller's check (see portal-sessions.ts), not the format's.
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import type { Actor } from '../domain/shared/actor';
import { CHANNELS, VERIFICATION_LEVELS } from '../domain/shared/actor';
import type { Clock } from '../domain/shared/ports';

const ISSUER = 'telecare';
const MAX_TOKEN_LENGTH = 4096;

const actorSchema = z.strictObject({
  kind: z.enum(['customer', 'csr', 'system']),
  channel: z.enum(CHANNELS),
  verification: z.enum(VERIFICATION_LEVELS),
  customerId: z.string().min(1).optional(),
  csrId: z.string().min(1).optional(),
  csrRole: z.enum(['agent', 'senior', 'supervisor']).optional(),
});

/** What jwtVerify has already checked (signature, iss, aud, exp) is re-read here for its types. */
const claimsSchema = z.object({
  jti: z.string().min(16).max(64),
  iat: z.number().int(),
  exp: z.number().int(),
  act: actorSchema,
  sv: z.number().int().min(0).optional(),
});

export interface SignOptions {
  /** The customer's session version to carry (checked against the customer record on use). */
  sessionVersion?: number;
  /** The token expires no later than this (a derived token never outlives its parent). */
  notAfter?: Date;
}

export interface SignedToken {
  token: string;
  /** UTC ISO time. */
  expiresAt: string;
  /** The token's own id: what a sign-out revokes. */
  jti: string;
}

export interface VerifiedToken {
  actor: Actor;
  jti: string;
  issuedAt: string;
  expiresAt: string;
  sessionVersion?: number;
}

export interface TokenSigner {
  sign(actor: Actor, audience: string, opts?: SignOptions): Promise<SignedToken>;
  /** The actor, or null for anything malformed, forged, expired or for another audience. Never rejects. */
  verify(token: string, audience: string): Promise<Actor | null>;
  /** As verify, with the token's id, times and session version. Never rejects. */
  verifyToken(token: string, audience: string): Promise<VerifiedToken | null>;
}

const toIso = (sec: number): string => new Date(sec * 1000).toISOString();

export function createTokenSigner(secret: string, opts: { ttlSeconds?: number; clock?: Clock } = {}): TokenSigner {
  if (secret.length < 32) throw new RangeError('token secret must be at least 32 characters');
  const key = new TextEncoder().encode(secret);
  const ttl = opts.ttlSeconds ?? 30 * 60;
  const nowDate = () => opts.clock?.now() ?? new Date();
  const nowSec = () => Math.floor(nowDate().getTime() / 1000);

  async function verifyToken(token: string, audience: string): Promise<VerifiedToken | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience,
        currentDate: nowDate(),
        requiredClaims: ['jti', 'iat', 'exp', 'aud'],
      });
      const parsed = claimsSchema.safeParse(payload);
      if (!parsed.success) return null;
      const { act: a, jti, iat, exp, sv } = parsed.data;
      const actor: Actor = {
        kind: a.kind,
        channel: a.channel,
        verification: a.verification,
        ...(a.customerId !== undefined ? { customerId: a.customerId } : {}),
        ...(a.csrId !== undefined ? { csrId: a.csrId } : {}),
        ...(a.csrRole !== undefined ? { csrRole: a.csrRole } : {}),
      };
      return { actor, jti, issuedAt: toIso(iat), expiresAt: toIso(exp), ...(sv !== undefined ? { sessionVersion: sv } : {}) };
    } catch {
      return null;
    }
  }

  return {
    async sign(actor, audience, signOpts = {}) {
      const iat = nowSec();
      const cap = signOpts.notAfter ? Math.floor(signOpts.notAfter.getTime() / 1000) : Number.POSITIVE_INFINITY;
      const exp = Math.min(iat + ttl, cap);
      const { kind, channel, verification, customerId, csrId, csrRole } = actor;
      const jti = randomBytes(16).toString('base64url');
      const claims: Record<string, unknown> = { act: { kind, channel, verification, customerId, csrId, csrRole } };
      if (signOpts.sessionVersion !== undefined) claims.sv = signOpts.sessionVersion;
      const token = await new SignJWT(JSON.parse(JSON.stringify(claims)) as Record<string, unknown>)
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(audience)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(jti)
        .sign(key);
      return { token, expiresAt: toIso(exp), jti };
    },
    async verify(token, audience) {
      return (await verifyToken(token, audience))?.actor ?? null;
    },
    verifyToken,
  };
}

/** A client-credentials access token: whose (the client's record id) and which scopes it was granted. */
export interface ClientToken {
  subject: string;
  scopes: string[];
  jti: string;
  expiresAt: string;
}

export interface ClientTokenSigner {
  sign(subject: string, scopes: readonly string[], audience: string): Promise<SignedToken>;
  /** The token's subject and scopes, or null for anything malformed, forged, expired or for another audience. Never rejects. */
  verify(token: string, audience: string): Promise<ClientToken | null>;
}

const clientClaimsSchema = z.object({ sub: z.string().min(1).max(100), scope: z.string().max(2000), jti: z.string().min(16).max(64), exp: z.number().int() });

/** OAuth 2.0 client-credentials tokens (partners): HS256 JWTs with sub and scope, same issuer as session tokens, own audience. */
export function createClientTokenSigner(secret: string, opts: { ttlSeconds?: number; clock?: Clock } = {}): ClientTokenSigner {
  if (secret.length < 32) throw new RangeError('token secret must be at least 32 characters');
  const key = new TextEncoder().encode(secret);
  const ttl = opts.ttlSeconds ?? 3600;
  const nowDate = () => opts.clock?.now() ?? new Date();
  return {
    async sign(subject, scopes, audience) {
      const iat = Math.floor(nowDate().getTime() / 1000);
      const exp = iat + ttl;
      const jti = randomBytes(16).toString('base64url');
      const token = await new SignJWT({ scope: scopes.join(' ') })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .setJti(jti)
        .sign(key);
      return { token, expiresAt: toIso(exp), jti };
    },
    async verify(token, audience) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience, currentDate: nowDate(), requiredClaims: ['sub', 'jti', 'exp', 'aud'] });
        const parsed = clientClaimsSchema.safeParse(payload);
        if (!parsed.success) return null;
        return { subject: parsed.data.sub, scopes: parsed.data.scope.split(' ').filter(Boolean), jti: parsed.data.jti, expiresAt: toIso(parsed.data.exp) };
      } catch {
        return null;
      }
    },
  };
}
