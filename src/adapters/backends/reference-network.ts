import type { NetworkDiagnostics } from '../../domain/ports/backends';
import type { LineTestResult, Outage } from '../../domain/repair/ticket';
import type { Clock } from '../../domain/shared/ports';
import type { LineFault, NetworkState } from './network-state';

const DETAIL: Record<LineTestResult['result'], string> = {
  pass: 'Line and equipment respond normally.',
  fail: 'No continuity to the customer premises: physical fault on the line.',
  degraded: 'The line syncs at a fraction of its profile rate.',
  'no-sync': 'The modem is powered but has no sync with the exchange.',
  'device-offline': 'The customer equipment does not answer.',
};

/** Line tests and outages from the network data: an unlisted line passes; a listed outage (the data lists current ones) covers its postal codes and families. */
export function createReferenceNetwork(state: NetworkState, clock: Clock): NetworkDiagnostics {
  return {
    async lineTest(lineId) {
      const result: LineFault | 'pass' = state.faults.get(lineId) ?? 'pass';
      return { lineId, result, detail: DETAIL[result], testedAt: clock.now().toISOString() };
    },
    async outageAt(address, family): Promise<Outage | null> {
      const hit = state.outages.find((o) => o.postalCodes.includes(address.postalCode) && o.families.includes(family));
      if (!hit) return null;
      const { postalCodes: _codes, ...outage } = hit;
      void _codes;
      return outage;
    },
  };
}
