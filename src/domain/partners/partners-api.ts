/**
 * Partners as the domain sees them: authenticating a client, and what one may do and for whom.
 * The channel (TM Forum APIs) asks here before every call; the answer never depends on the API.
 */
import type { Collection } from '../ports/store';
import type { Customer } from '../customers/customer';
import type { Clock, IdGenerator, SecretHasher } from '../shared/ports';
import type { Actor } from '../shared/actor';
import { fail } from '../shared/errors';
import { partnerInputSchema, type Partner, type PartnerInput, type PartnerScope } from './partner';
import { parseInput } from '../orders/order-input';

export interface PartnersDeps {
  partners: Collection<Partner>;
  customers: Collection<Customer>;
  hasher: SecretHasher;
  clock: Clock;
  ids: IdGenerator;
}

/** A hash of a secret nobody knows, verified against when the client id is unknown (same cost either way). */
const NO_SUCH_CLIENT = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface PartnersApi {
  /** Adds a partner with its secret hashed; DUPLICATE for a client id already in use. */
  register(input: PartnerInput, secret: string): Promise<Partner>;
  /** The active partner whose client id and secret these are, or null (unknown, wrong secret, inactive). */
  authenticate(clientId: string, secret: string): Promise<Partner | null>;
  /** The partner by id (for a token's subject); null when gone or deactivated. */
  get(partnerId: string): Promise<Partner | null>;
  /** NOT_PERMITTED unless the partner holds the scope. */
  requireScope(partner: Partner, scope: PartnerScope): void;
  /** The ids of the customers the partner may act for. */
  customerIds(partner: Partner): Promise<string[]>;
  /**
   * The customer, when the partner may act for them; NOT_PERMITTED otherwise (an unknown customer
   * is refused the same way, so a partner learns nothing about customers not theirs).
   */
  customerFor(partner: Partner, customerId: string): Promise<Customer>;
  /** The actor a partner acts as for one of its customers (channel 'partner'; the partner vouches for who). */
  actorFor(partner: Partner, customer: Customer): Actor;
}

export function createPartnersApi(deps: PartnersDeps): PartnersApi {
  const live = (p: Partner | null): Partner | null => (p && p.active ? p : null);
  return {
    async register(input, secret) {
      const parsed = parseInput(partnerInputSchema, input);
      if (secret.length < 24) fail('VALIDATION_FAILED', 'a partner secret needs at least 24 characters', { field: 'secret' });
      return deps.partners.insert({
        id: deps.ids.next('ptn'),
        ...parsed,
        secretHash: await deps.hasher.hash(secret),
        createdAt: deps.clock.now().toISOString(),
      });
    },
    async authenticate(clientId, secret) {
      const partner = await deps.partners.findOne({ clientId });
      const ok = await deps.hasher.verify(secret, partner?.secretHash ?? NO_SUCH_CLIENT);
      return ok ? live(partner) : null;
    },
    async get(partnerId) {
      return live(await deps.partners.get(partnerId));
    },
    requireScope(partner, scope) {
      if (!partner.scopes.includes(scope)) fail('NOT_PERMITTED', `this partner lacks the scope ${scope}`, { scope });
    },
    async customerIds(partner) {
      if (partner.accountNumbers.length === 0) return [];
      const customers = await deps.customers.find({ accountNumber: { $in: partner.accountNumbers } });
      return customers.map((c) => c.id);
    },
    async customerFor(partner, customerId) {
      const customer = await deps.customers.get(customerId);
      if (!customer || !partner.accountNumbers.includes(customer.accountNumber)) fail('NOT_PERMITTED', 'this partner may not act for that customer', { customerId });
      return customer;
    },
    actorFor(partner, customer) {
      return { kind: 'customer', channel: 'partner', verification: 'verified', customerId: customer.id, source: `partner:${partner.id}` };
    },
  };
}
