import type { OrdersApi } from '../care';
import type { CareDeps } from '../deps';
import { createNewService } from './new-service';
import { createModifyService } from './modify-service';
import { createDiscontinueService } from './discontinue-service';
import { createOrderQueries } from './order-queries';
import { createCancelOrder } from './cancel-order';

export { createOrderProgress, type OrderProgress } from './order-progress';

/** The three order procedures of the tutorial's section 6, and the customer's orders. */
export function createOrdersApi(deps: CareDeps): OrdersApi {
  return {
    ...createNewService(deps),
    ...createModifyService(deps),
    ...createDiscontinueService(deps),
    ...createOrderQueries(deps),
    ...createCancelOrder(deps),
  };
}
