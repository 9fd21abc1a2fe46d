/**
 * TMF620 events for a reloaded catalog (`catalog.changed`), one per offering and price that
 * changed, rendered from the catalog now in use exactly as GET productOffering/{id} and
 * productOfferingPrice/{id} show them:
 * - a new offering: ProductOfferingCreateEvent, and ProductOfferingPriceCreateEvent per price;
 * - sellable turned on or off: ProductOfferingStateChangeEvent (lifecycleStatus Launched / Retired);
 * - anything else the offering shows (name, description, family, configuration, contract,
 *   add-ons, its prices' names or number): ProductOfferingAttributeValueChangeEvent;
 * - a price's name, amount, kind, unit or tiers (or the currency): ProductOfferingPriceAttributeValueChangeEvent,
 *   and a price added or taken away: ProductOfferingPriceCreateEvent / ProductOfferingPriceDeleteEvent;
 * - an offering taken out of the catalog: ProductOfferingDeleteEvent (and its prices' delete events).
 * Fields the offering does not show (technology, activation, compatibility rules...) tell nothing.
 */
import type { CareEvent } from '../../../domain/events/care-events';
import type { Catalog } from '../../../domain/catalog/catalog-schema';
import { offeringPricesOf, priceIdOf, productOfferingOf } from '../mappers/catalog';
import type { Hrefs } from '../mappers/refs';

export interface CatalogEvent {
  eventType: string;
  /** Unique per catalog revision, event type and resource (owing it twice stores it once). */
  key: string;
  payload: Record<string, unknown>;
}

/** The product's fields a TMF620 ProductOffering shows besides its state and its prices. */
const SHOWN = ['name', 'description', 'family', 'config', 'contract', 'addons'];

type CatalogChanged = Extract<CareEvent, { type: 'catalog.changed' }>;

export function catalogEvents(event: CatalogChanged, catalog: Catalog, href: Hrefs): CatalogEvent[] {
  const out: CatalogEvent[] = [];
  const add = (eventType: string, id: string, payload: Record<string, unknown>) => out.push({ eventType, key: `${event.revision}-${eventType}-${id}`, payload });
  const gone = (resource: 'productOffering' | 'productOfferingPrice', type: string, id: string) => ({ [resource]: { '@type': type, id, href: href('TMF620', resource, id) } });
  for (const change of event.offerings) {
    if (change.change === 'removed') {
      add('ProductOfferingDeleteEvent', change.id, gone('productOffering', 'ProductOffering', change.id));
      for (const n of change.pricing.removed) add('ProductOfferingPriceDeleteEvent', priceIdOf(change.id, n), gone('productOfferingPrice', 'ProductOfferingPrice', priceIdOf(change.id, n)));
      continue;
    }
    const product = catalog.products.find((p) => p.id === change.id);
    if (!product) continue;
    const offering = productOfferingOf(product, href);
    const prices = offeringPricesOf(product, href, catalog.operator.currency);
    if (change.change === 'created') {
      add('ProductOfferingCreateEvent', product.id, { productOffering: offering });
    } else {
      if (change.fields.includes('sellable')) add('ProductOfferingStateChangeEvent', product.id, { productOffering: offering });
      const { added, removed, renamed } = change.pricing;
      if (change.fields.some((f) => SHOWN.includes(f)) || added.length + removed.length + renamed.length > 0) add('ProductOfferingAttributeValueChangeEvent', product.id, { productOffering: offering });
    }
    for (const n of change.pricing.added) if (prices[n]) add('ProductOfferingPriceCreateEvent', priceIdOf(product.id, n), { productOfferingPrice: prices[n] });
    for (const n of change.pricing.changed) if (prices[n]) add('ProductOfferingPriceAttributeValueChangeEvent', priceIdOf(product.id, n), { productOfferingPrice: prices[n] });
    for (const n of change.pricing.removed) add('ProductOfferingPriceDeleteEvent', priceIdOf(product.id, n), gone('productOfferingPrice', 'ProductOfferingPrice', priceIdOf(product.id, n)));
  }
  return out;
}
