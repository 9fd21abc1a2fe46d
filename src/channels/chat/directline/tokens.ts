/**
 * Direct Line tokens: compact HS256 JWTs signed with config.sessionSecret, bound to one
 * conversation and one user, expiring. Web Chat reads the `user` claim (jwt-decode) and so
 * does not invent its own user id. A customer already verified by a portal session carries
 * that binding in `act`; the client can never set it, and `ps` names that portal session: the
 * chat token never outlives it, and stops working when it is signed out or revoked (`authorize`).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const TOKEN_TTL_SEC = 30 * 60;

const ActorBinding = z.object({ customerId: z.string().min(1), verification: z.enum(['identified', 'verified']) });
export type ActorBinding = z.infer<typeof ActorBinding>;

/** The portal session a chat token was derived from: its token id, session version and expiry (seconds). */
const PortalBinding = z.object({ jti: z.string().min(1), sv: z.number().int().min(0), exp: z.number().int() });
export type PortalBinding = z.infer<typeof PortalBinding>;

const Claims = z.object({
  iss: z.literal('telecare-directline'),
  conv: z.string().min(1),
  user: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
  act: ActorBinding.optional(),
  ps: PortalBinding.optional(),
});
export type DirectLineClaims = z.infer<typeof Claims>;

/** Whether the portal session behind a bound token is still live (see src/shared/portal-sessions.ts). */
export type PortalSessionCheck = (customerId: string, session: PortalBinding) => Promise<boolean>;

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export const newConversationId = (): string => randomBytes(12).toString('base64url').replace(/[-_]/g, 'x');
export const newUserId = (): string => `dl_${randomBytes(9).toString('base64url')}`;

export class DirectLineTokens {
  constructor(
    private readonly secret: string,
    private readonly now: () => number = Date.now,
    private readonly ttlSec = TOKEN_TTL_SEC,
    private readonly portalSessionLive: PortalSessionCheck = async () => false,
  ) {}

  /** A token for the conversation; bound to a portal session, it expires with that session at the latest. */
  mint(input: { conversationId: string; userId: string; actor?: ActorBinding; portal?: PortalBinding }): { token: string; expires_in: number } {
    const iat = Math.floor(this.now() / 1000);
    const exp = Math.min(iat + this.ttlSec, input.portal?.exp ?? Number.POSITIVE_INFINITY);
    const claims: DirectLineClaims = {
      iss: 'telecare-directline',
      conv: input.conversationId,
      user: input.userId,
      iat,
      exp,
      ...(input.actor ? { act: input.actor } : {}),
      ...(input.portal ? { ps: input.portal } : {}),
    };
    const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expires_in: exp - iat };
  }

  /** As verify, and a token derived from a portal session also needs that session to be live. */
  async authorize(token: string): Promise<DirectLineClaims | null> {
    const claims = this.verify(token);
    return claims && (await this.live(claims)) ? claims : null;
  }

  /** A token's portal session (if it has one) is still live; a bound token without its session is not. */
  async live(claims: Pick<DirectLineClaims, 'act' | 'ps' | 'exp'>): Promise<boolean> {
    if (claims.exp <= this.now() / 1000) return false;
    if (!claims.ps && !claims.act) return true;
    if (!claims.ps || !claims.act) return false;
    return this.portalSessionLive(claims.act.customerId, claims.ps).catch(() => false);
  }

  /** Tokens already checked (a conversation posts with the same one for up to its lifetime). */
  private readonly checked = new Map<string, DirectLineClaims>();

  /** The claims of a well-signed, unexpired token; null otherwise (never throws). */
  verify(token: string): DirectLineClaims | null {
    const known = this.checked.get(token);
    if (known) {
      if (known.exp > this.now() / 1000) return known;
      this.checked.delete(token);
      return null;
    }
    const claims = this.check(token);
    if (claims) {
      if (this.checked.size >= 10_000) this.checked.clear();
      if (claims.act) Object.freeze(claims.act);
      this.checked.set(token, Object.freeze(claims));
    }
    return claims;
  }

  private check(token: string): DirectLineClaims | null {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return null;
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const claims = Claims.parse(JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')));
      return claims.exp > this.now() / 1000 ? claims : null;
    } catch {
      return null;
    }
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

export const bearer = (header: string | undefined): string | null => {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m ? m[1] : null;
};
