import type { Outage } from '../domain/repair/ticket';
import { DEMO_PEOPLE, demoPerson } from './demo-people';

/**
 * The demo operator's network as the reference diagnostics back-end sees it: where there is an
 * outage, which lines test badly, and which of those a remote reset fixes. Every other line
 * tests 'pass'. Line ids match what seedDemo gives the customers.
 */
export interface DemoNetwork {
  outages: Array<Outage & { postalCodes: string[] }>;
  faults: Record<string, 'fail' | 'degraded' | 'no-sync' | 'device-offline'>;
  /** Line ids a remote reset fixes (their re-test then passes). */
  resettable: string[];
}

/**
 * Line id of a documented person's n-th service (1-based), as seedDemo assigns it. Numbered by
 * the person's place in DEMO_PEOPLE, not by account number: ids never carry account numbers.
 */
export const demoLineId = (accountNumber: string, n: number): string =>
  `LN-${String(300000 + DEMO_PEOPLE.findIndex((p) => p.accountNumber === accountNumber) * 10 + n)}`;
/** Line id of a generated customer's n-th service (index 0-based, n 1-based). */
export const generatedLineId = (index: number, n: number): string => `LN-${String(400000 + index * 10 + n)}`;

const HOUR_MS = 3_600_000;

/** Outage times are relative to `now` (started two hours ago, back in four), so the demo never goes stale. */
export function demoNetworkAt(now: Date): DemoNetwork {
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const at = (hours: number): string => new Date(hour + hours * HOUR_MS).toISOString();
  const priya = demoPerson('outage');
  const tom = demoPerson('reset');
  const grace = demoPerson('technician');
  return {
    outages: [
      {
        id: 'OUT-RIVERTON-WEST',
        area: 'Riverton West',
        families: ['broadband', 'tv'],
        startedAt: at(-2),
        eta: at(4),
        description: 'A fiber cable was cut by construction work on Elm Street; crews are splicing it now.',
        postalCodes: [priya.postalCode],
      },
      {
        id: 'OUT-MILLBROOK-TOWER',
        area: 'Millbrook',
        families: ['mobile'],
        startedAt: at(-1),
        eta: at(3),
        description: 'A mobile tower in Millbrook is down for emergency power repairs.',
        postalCodes: ['62711'],
      },
    ],
    faults: {
      // Priya: the outage explains it; the line test alone would suggest a reset.
      [demoLineId(priya.accountNumber, 1)]: 'device-offline',
      // Tom: the DSL modem lost sync; a port reset brings it back.
      [demoLineId(tom.accountNumber, 1)]: 'no-sync',
      // Grace: the copper drop to the house is cut; only a technician fixes that.
      [demoLineId(grace.accountNumber, 1)]: 'fail',
      [generatedLineId(7, 1)]: 'degraded',
      [generatedLineId(12, 1)]: 'device-offline',
      [generatedLineId(21, 1)]: 'fail',
    },
    resettable: [demoLineId(tom.accountNumber, 1), generatedLineId(7, 1), generatedLineId(12, 1)],
  };
}

export const DEMO_NETWORK: DemoNetwork = demoNetworkAt(new Date());
