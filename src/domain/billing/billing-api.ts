import type { CareDeps } from '../deps';
import type { BillingApi } from '../care';
import { createBillQueries } from './bill-queries';
import { createAdjustments } from './adjustments';
import { createExtensions } from './extensions';
import { createDecisionNotices } from './decision-notices';

/** Bill inquiry, bill adjustment and payment extension: the billing procedures of the tutorial's section 6. */
export function createBillingApi(deps: CareDeps): BillingApi {
  return {
    ...createBillQueries(deps),
    ...createAdjustments(deps),
    ...createExtensions(deps),
    ...createDecisionNotices(deps),
  };
}
