import type { Partner, PartnerResource } from '../../domain/partners/partner';
import { ALWAYS_VISIBLE } from '../../domain/partners/partner';

/**
 * The resource cut down to what the partner may see (its visibleFields for the resource) and
 * what was asked for (`fields`); id, href and @type always stay.
 */
export function visible(partner: Partner, resource: PartnerResource | undefined, body: Record<string, unknown>, fields?: Set<string>): Record<string, unknown> {
  const allowed = resource ? partner.visibleFields[resource] : undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    const always = (ALWAYS_VISIBLE as readonly string[]).includes(k);
    if (!always && allowed && !allowed.includes(k)) continue;
    if (!always && fields && !fields.has(k)) continue;
    out[k] = v;
  }
  return out;
}

