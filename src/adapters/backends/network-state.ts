import type { Outage } from '../../domain/repair/ticket';

export type LineFault = 'fail' | 'degraded' | 'no-sync' | 'device-offline';

/** The network as the reference diagnostics see it (the demo's DEMO_NETWORK has this shape). */
export interface NetworkData {
  outages: Array<Outage & { postalCodes: string[] }>;
  faults: Record<string, LineFault>;
  /** Line ids a remote reset fixes. */
  resettable: string[];
}

/** Mutable copy shared by the network and provisioning references: a successful reset clears a fault. */
export interface NetworkState {
  outages: Array<Outage & { postalCodes: string[] }>;
  faults: Map<string, LineFault>;
  resettable: Set<string>;
}

export const networkState = (data: NetworkData): NetworkState => ({
  outages: data.outages.map((o) => ({ ...o, families: [...o.families], postalCodes: [...o.postalCodes] })),
  faults: new Map(Object.entries(data.faults)),
  resettable: new Set(data.resettable),
});
