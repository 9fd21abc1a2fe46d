/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): POST /oauth/token with a form body
 * (grant_type=client_credentials, client_id, client_secret, optional scope) or HTTP Basic client
 * authentication. Answers {access_token, token_type, expires_in, scope}; errors in OAuth's own
 * shape ({error, error_description}), as OAuth clients expect. Every attempt is audited.
 */
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { PARTNER_SCOPES, type PartnerScope } from '../../../domain/partners/partner';
import { TMF_AUDIENCE, type TmfDeps } from '../tmf-kit';

const form = z.object({
  grant_type: z.string().max(100).optional(),
  client_id: z.string().min(1).max(100).optional(),
  client_secret: z.string().min(1).max(200).optional(),
  scope: z.string().max(1000).optional(),
});

function basic(req: Request): { id: string; secret: string } | undefined {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.get('authorization') ?? '');
  if (!m) return undefined;
  const text = Buffer.from(m[1]!, 'base64').toString('utf8');
  const at = text.indexOf(':');
  if (at < 1) return undefined;
  return { id: decodeURIComponent(text.slice(0, at)), secret: decodeURIComponent(text.slice(at + 1)) };
}

export function tokenRouter(deps: Pick<TmfDeps, 'partners' | 'tokens' | 'audit' | 'tokenTtlSeconds' | 'throttle'>): Router {
  const router = express.Router();
  router.post('/oauth/token', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    const refuse = (status: number, error: string, description: string) => {
      res.setHeader('Cache-Control', 'no-store');
      if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="oauth"');
      res.status(status).json({ error, error_description: description });
    };
    try {
      if (!(await deps.throttle.consume(`oauth-token:${req.ip ?? 'unknown'}`))) {
        res.setHeader('Retry-After', '60');
        return refuse(429, 'slow_down', 'Too many token requests from this address; wait a minute.');
      }
      if (!req.is('application/x-www-form-urlencoded')) return refuse(400, 'invalid_request', 'Send the request as application/x-www-form-urlencoded.');
      const parsed = form.safeParse(req.body);
      if (!parsed.success) return refuse(400, 'invalid_request', 'A field is malformed.');
      const body = parsed.data;
      if (body.grant_type !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');
      const creds = basic(req) ?? (body.client_id && body.client_secret ? { id: body.client_id, secret: body.client_secret } : undefined);
      if (!creds) return refuse(401, 'invalid_client', 'Client authentication is required (client_id and client_secret).');
      const partner = await deps.partners.authenticate(creds.id, creds.secret);
      if (!partner) {
        await deps.audit.record({ username: creds.id.slice(0, 100), action: 'partner.token', result: 'refused', code: 'invalid_client' });
        return refuse(401, 'invalid_client', 'Unknown client or wrong secret.');
      }
      const asked = body.scope ? body.scope.split(/\s+/).filter(Boolean) : [...partner.scopes];
      const unknown = asked.filter((s) => !(PARTNER_SCOPES as readonly string[]).includes(s) || !partner.scopes.includes(s as PartnerScope));
      if (unknown.length > 0) {
        await deps.audit.record({ username: partner.clientId, partnerId: partner.id, action: 'partner.token', result: 'refused', code: 'invalid_scope', detail: { scopes: unknown } });
        return refuse(400, 'invalid_scope', `Not granted to this client: ${unknown.join(' ')}.`);
      }
      const signed = await deps.tokens.sign(partner.id, asked, TMF_AUDIENCE);
      await deps.audit.record({ username: partner.clientId, partnerId: partner.id, action: 'partner.token', result: 'ok', detail: { scopes: asked } });
      res.setHeader('Cache-Control', 'no-store');
      res.json({ access_token: signed.token, token_type: 'Bearer', expires_in: deps.tokenTtlSeconds, scope: asked.join(' ') });
    } catch (e) {
      next(e);
    }
  });
  return router;
}
