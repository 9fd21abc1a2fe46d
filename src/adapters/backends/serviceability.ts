import type { PostalAddress } from '../../domain/customers/customer';

export interface Serviceability {
  serviceable: boolean;
  technologies: string[];
  maxDownMbps: number;
}

const FIBER_AND_COPPER: Serviceability = { serviceable: true, technologies: ['fiber', 'copper'], maxDownMbps: 1000 };
const COPPER_ONLY: Serviceability = { serviceable: true, technologies: ['copper'], maxDownMbps: 25 };
const NONE: Serviceability = { serviceable: false, technologies: [], maxDownMbps: 0 };

/**
 * A deterministic footprint by postal code, so demos and tests know what to expect:
 * codes starting with 9 are outside the footprint (none); codes ending in 8 or 9 are copper
 * only; every other code has fiber and copper. `overrides` pins particular codes.
 */
export function serviceabilityOf(address: Pick<PostalAddress, 'postalCode'>, overrides: Record<string, string[]> = {}): Serviceability {
  const code = address.postalCode.trim().toUpperCase();
  const pinned = overrides[code];
  if (pinned) {
    if (pinned.length === 0) return NONE;
    return { serviceable: true, technologies: [...pinned], maxDownMbps: pinned.includes('fiber') ? 1000 : 25 };
  }
  if (code.startsWith('9') || code === '') return NONE;
  if (/[89]$/.test(code)) return COPPER_ONLY;
  return FIBER_AND_COPPER;
}
