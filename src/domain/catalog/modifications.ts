/**
 * What a modification does to a service, as a pure function: quotes price the result and order
 * completion stores it, so both agree on what "change to fiber 500" means.
 */
import type { Modification } from '../care';
import type { Catalog, Product } from './catalog-schema';
import type { ServiceInstance } from '../customers/customer';
import { findProduct } from './pricing';

/** A stable id for a modification ("change-product:fiber-500"), used as the choice id. */
export function modificationId(m: Modification): string {
  switch (m.kind) {
    case 'change-product':
      return `change-product:${m.toProductId}`;
    case 'add-addon':
    case 'remove-addon':
      return `${m.kind}:${m.addonId}`;
    case 'feature-on':
    case 'feature-off':
      return `${m.kind}:${m.featureId}`;
    case 'change-config':
      return `change-config:${m.key}:${m.value}`;
  }
}

/** Configuration carried over to another product: values it still offers, defaults for the rest. */
export function carryConfig(to: Product, config: Record<string, string>): Record<string, string> {
  const next: Record<string, string> = {};
  for (const option of to.config) {
    const kept = config[option.key];
    if (kept && option.values.some((v) => v.id === kept)) next[option.key] = kept;
    else if (option.default) next[option.key] = option.default;
    else if (option.required) next[option.key] = option.values[0]!.id;
  }
  return next;
}

/** The service after the modification (a new object; the input is not touched). */
export function applyModification(catalog: Catalog, service: ServiceInstance, m: Modification): ServiceInstance {
  switch (m.kind) {
    case 'change-product': {
      const to = findProduct(catalog, m.toProductId);
      if (!to) return { ...service, productId: m.toProductId };
      return {
        ...service,
        productId: to.id,
        config: carryConfig(to, service.config),
        addons: service.addons.filter((a) => to.addons.includes(a)),
        features: service.features.filter((f) => to.features.some((tf) => tf.id === f)),
      };
    }
    case 'add-addon':
      return service.addons.includes(m.addonId) ? service : { ...service, addons: [...service.addons, m.addonId] };
    case 'remove-addon':
      return { ...service, addons: service.addons.filter((a) => a !== m.addonId) };
    case 'feature-on':
      return service.features.includes(m.featureId) ? service : { ...service, features: [...service.features, m.featureId] };
    case 'feature-off':
      return { ...service, features: service.features.filter((f) => f !== m.featureId) };
    case 'change-config':
      return { ...service, config: { ...service.config, [m.key]: m.value } };
  }
}
