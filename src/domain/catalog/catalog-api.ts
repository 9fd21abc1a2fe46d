import type { CatalogApi } from '../care';
import type { CareDeps } from '../deps';
import { findProduct } from './pricing';

/** The catalog as channels read it; always the current one (the file can be reloaded). */
export function createCatalogApi(deps: Pick<CareDeps, 'catalog'>): CatalogApi {
  return {
    catalog: () => deps.catalog(),
    product: (productId) => findProduct(deps.catalog(), productId),
  };
}
