import type { Catalog } from '../../domain/catalog/catalog-schema';
import type { Backends, ProvisioningReports } from '../../domain/ports/backends';
import type { Clock } from '../../domain/shared/ports';
import { networkState, type NetworkData } from './network-state';
import { createReferenceNetwork } from './reference-network';
import { createReferenceProvisioning, type ReferenceProvisioning } from './reference-provisioning';
import { createReferenceBilling, type ReferenceBilling } from './reference-billing';
import { createReferenceWorkforce, type ReferenceWorkforce } from './reference-workforce';
import { createReferenceNotifier, type ReferenceNotifier } from './reference-notifier';

export interface ReferenceBackendsOptions {
  catalog: () => Catalog;
  clock: Clock;
  reports: ProvisioningReports;
  network: NetworkData;
  /** Delay before non-instant orders are reported completed (default 20 s); Infinity = only when driven. */
  completeAfterMs?: number;
  /** Technicians per appointment window (default 3). */
  workforceCapacity?: number;
  /** Postal code -> technologies, overriding the built-in footprint rule. */
  serviceability?: Record<string, string[]>;
}

/** Every back-end but partners' listeners (real HTTP, composed in src/compose.ts). */
export interface ReferenceBackends extends Omit<Backends, 'listeners'> {
  billing: ReferenceBilling;
  provisioning: ReferenceProvisioning;
  workforce: ReferenceWorkforce;
  notifier: ReferenceNotifier;
  /** Stops provisioning's completion timers. */
  dispose(): void;
}

/** The built-in back-end systems, so the default start works end to end without any outside system. */
export function createReferenceBackends(opts: ReferenceBackendsOptions): ReferenceBackends {
  const state = networkState(opts.network);
  const provisioning = createReferenceProvisioning({
    catalog: opts.catalog,
    reports: opts.reports,
    network: state,
    clock: opts.clock,
    completeAfterMs: opts.completeAfterMs ?? 20_000,
    serviceabilityOverrides: opts.serviceability,
  });
  return {
    billing: createReferenceBilling(),
    provisioning,
    network: createReferenceNetwork(state, opts.clock),
    workforce: createReferenceWorkforce({ capacity: opts.workforceCapacity, timeZone: () => opts.catalog().operator.timezone }),
    notifier: createReferenceNotifier(opts.clock),
    dispose: () => provisioning.dispose(),
  };
}

export type { NetworkData, LineFault } from './network-state';
export { serviceabilityOf } from './serviceability';
export { failingFirst, alwaysFailing } from './faulty';
