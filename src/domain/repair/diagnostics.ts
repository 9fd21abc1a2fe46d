import type { CareDeps } from '../deps';
import type { Customer, PostalAddress, ServiceInstance } from '../customers/customer';
import type { Product } from '../catalog/catalog-schema';
import type { Diagnostics, LineTestResult, Outage } from './ticket';
import { isOverdue, isoDay } from '../billing/bill-math';

const RECENT_ORDER_DAYS = 14;

export const addressOf = (customer: Customer, service: ServiceInstance): PostalAddress => service.serviceAddress ?? customer.billingAddress;

/** A diagnostic source that is down leaves a gap, not a failed repair call. */
async function optional<T>(probe: () => Promise<T>): Promise<T | undefined> {
  try {
    return await probe();
  } catch {
    return undefined;
  }
}

/**
 * Collects what the tutorial's CSR would look up by hand: the service's state on our side
 * (status, suspension, recent orders, overdue balance) and the network's (line test, outages).
 */
export async function gatherDiagnostics(
  deps: Pick<CareDeps, 'stores' | 'backends' | 'clock'>,
  input: { customer: Customer; service: ServiceInstance; product: Product; symptom: string },
): Promise<Diagnostics> {
  const { customer, service, product, symptom } = input;
  const now = deps.clock.now();
  const since = new Date(now.getTime() - RECENT_ORDER_DAYS * 86_400_000).toISOString();
  const today = isoDay(now);

  const [orders, bills, lineTest, outage] = await Promise.all([
    deps.stores.orders.find({ customerId: customer.id, createdAt: { $gte: since } }),
    deps.stores.bills.find({ customerId: customer.id }),
    service.status === 'disconnected' ? Promise.resolve(undefined) : optional<LineTestResult>(() => deps.backends.network.lineTest(service.lineId)),
    optional<Outage | null>(() => deps.backends.network.outageAt(addressOf(customer, service), product.family)),
  ]);

  const recentOrders = orders
    .filter((o) => o.items.some((i) => i.serviceId === service.id) && o.status !== 'completed' && o.status !== 'cancelled')
    .map((o) => ({ id: o.id, type: o.type, status: o.status, createdAt: o.createdAt }));
  const overdueBalanceMinor = bills.filter((b) => isOverdue(b, today)).reduce((n, b) => n + b.balance.amountMinor, 0);

  return {
    serviceId: service.id,
    productId: service.productId,
    family: product.family,
    symptom,
    serviceStatus: service.status,
    ...(service.suspendedReason ? { suspendedReason: service.suspendedReason } : {}),
    recentOrders,
    ...(lineTest ? { lineTest } : {}),
    ...(outage ? { outage } : {}),
    overdueBalanceMinor,
    gatheredAt: now.toISOString(),
  };
}

/** The facts the repair-diagnosis rules decide on (no undefined values: the engine rejects them). */
export function diagnosisFacts(d: Diagnostics): Record<string, unknown> {
  return {
    family: d.family,
    symptom: d.symptom,
    serviceStatus: d.serviceStatus,
    suspendedReason: d.suspendedReason ?? 'none',
    hasOutage: Boolean(d.outage),
    lineTest: d.lineTest?.result ?? 'not-run',
    pendingOrder: d.recentOrders.some((o) => o.status === 'acknowledged' || o.status === 'inProgress'),
    failedOrder: d.recentOrders.some((o) => o.status === 'failed'),
    overdueBalanceMinor: d.overdueBalanceMinor,
  };
}
