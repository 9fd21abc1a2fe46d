import type { StoredRecord, Submission } from '../shared/record';
import type { Channel } from '../shared/actor';

export interface LineTestResult {
  lineId: string;
  result: 'pass' | 'fail' | 'degraded' | 'no-sync' | 'device-offline';
  detail: string;
  testedAt: string;
}

export interface Outage {
  id: string;
  area: string;
  families: string[];
  startedAt: string;
  /** UTC ISO estimate of restoration. */
  eta: string;
  description: string;
}

/** Everything gathered before diagnosing: from the customer, provisioning and the network. */
export interface Diagnostics {
  serviceId: string;
  productId: string;
  family: string;
  symptom: string;
  serviceStatus: string;
  suspendedReason?: string;
  /** Orders on this service in the last 14 days that are not completed, or failed. */
  recentOrders: { id: string; type: string; status: string; createdAt: string }[];
  lineTest?: LineTestResult;
  /** The line test repeated after an automatic remote reset. */
  retest?: LineTestResult;
  outage?: Outage;
  overdueBalanceMinor: number;
  gatheredAt: string;
}

/** What the rules concluded, and what the system did about it. */
export interface Diagnosis {
  /** Outcome code from rules/repair (e.g. 'area-outage', 'suspended-non-payment', 'remote-reset', 'dispatch'). */
  cause: string;
  action: 'inform-outage' | 'offer-payment' | 'remote-reset' | 'pending-order' | 'dispatch' | 'none';
  explanation: string;
}

export interface Appointment {
  slotId: string;
  start: string;
  end: string;
}

export interface RepairTicket extends StoredRecord {
  customerId: string;
  serviceId: string;
  symptom: string;
  diagnostics: Diagnostics;
  diagnosis: Diagnosis;
  status: 'open' | 'scheduled' | 'resolved' | 'cancelled';
  appointment?: Appointment;
  channel: Channel;
  interactionId?: string;
  idempotencyKey: string;
  createdAt: string;
  resolvedAt?: string;
  /** What the last change said (the workforce system's note, the reason for withdrawing). */
  statusNote?: string;
  submission: Submission;
}
