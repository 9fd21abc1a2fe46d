import type { Bill } from '../domain/billing/billing';
import type { Catalog } from '../domain/catalog/catalog-schema';
import type { Channel } from '../domain/shared/actor';
import type { Interaction, TranscriptPage } from '../domain/interactions/interaction';
import type { ProcedureName } from '../domain/procedures/procedure';
import type { NewRecord } from '../domain/ports/store';
import type { CustomerSeed } from './demo-customers';
import { hoursAgo } from './demo-time';

interface Draft {
  seed: CustomerSeed;
  channel: Channel;
  procedure: ProcedureName;
  hoursAgo: number;
  answers: Record<string, string>;
  labels: Record<string, string>;
  said: string;
}

/**
 * Unfinished contacts from the last day: the customer dropped off mid-procedure, so the draft
 * (answers so far, field names as the procedure definitions use them) can be resumed on any channel.
 */
export interface DemoContact {
  interaction: NewRecord<Interaction>;
  transcript: NewRecord<TranscriptPage>;
}

export function unfinishedInteractions(seeds: CustomerSeed[], billsOf: (customerId: string) => NewRecord<Bill>[], catalog: Catalog, now: Date): DemoContact[] {
  const [dana, , , , , g1, g2, g3, g4] = seeds;
  const danaBill = billsOf(dana.customer.id)[0];
  const usage = danaBill.items.find((i) => i.type === 'usage');
  if (!usage) throw new Error('the bundle demo customer needs a usage charge on the latest bill');
  const name = (productId: string): string => catalog.products.find((p) => p.id === productId)?.name ?? productId;
  const firstService = (s: CustomerSeed) => s.customer.services[0];
  const drafts: Draft[] = [
    {
      seed: dana, channel: 'chat', procedure: 'bill-adjustment', hoursAgo: 20,
      answers: { bill: danaBill.id, item: usage.id }, labels: { bill: danaBill.period, item: usage.description },
      said: 'I want to dispute the international calls on my bill',
    },
    {
      seed: g1, channel: 'voice', procedure: 'discontinue-service', hoursAgo: 5,
      answers: { service: firstService(g1).id }, labels: { service: name(firstService(g1).productId) },
      said: 'cancel my service',
    },
    {
      seed: g2, channel: 'portal', procedure: 'new-service', hoursAgo: 2,
      answers: { product: 'mobile-unlimited' }, labels: { product: name('mobile-unlimited') },
      said: 'Add a mobile line',
    },
    {
      seed: g3, channel: 'voice', procedure: 'repair', hoursAgo: 9,
      answers: { service: firstService(g3).id }, labels: { service: name(firstService(g3).productId) },
      said: 'my service is not working',
    },
    {
      seed: g4, channel: 'chat', procedure: 'modify-service', hoursAgo: 23,
      answers: { service: firstService(g4).id }, labels: { service: name(firstService(g4).productId) },
      said: 'I would like to change my plan',
    },
  ];
  return drafts.map((d, i) => toContact(d, i, now));
}

function toContact(d: Draft, i: number, now: Date): DemoContact {
  const started = hoursAgo(now, d.hoursAgo);
  const at = (minutes: number): string => new Date(started.getTime() + minutes * 60_000).toISOString();
  const fields = Object.keys(d.answers);
  const lastAnswerAt = at(1 + fields.length);
  const ended = at(3 + fields.length);
  const id = `int-demo-${String(i + 1).padStart(2, '0')}`;
  const interaction: NewRecord<Interaction> = {
    id,
    channel: d.channel,
    channelRef: `demo-${d.channel}-${i + 1}`,
    customerId: d.seed.customer.id,
    verification: 'verified',
    status: 'abandoned',
    startedAt: started.toISOString(),
    endedAt: ended,
    durationSec: Math.round((Date.parse(ended) - started.getTime()) / 1000),
    intents: [d.procedure],
    steps: [
      { at: at(0), name: 'verified' },
      { at: at(1), name: 'procedure.started', procedure: d.procedure },
      ...fields.map((field, n) => ({ at: at(2 + n), name: `answer.${field}`, procedure: d.procedure, detail: { label: d.labels[field] } })),
    ],
    procedure: {
      name: d.procedure,
      status: 'open',
      answers: { ...d.answers },
      completed: fields,
      startedAt: at(1),
      updatedAt: lastAnswerAt,
      labels: { ...d.labels },
      given: { ...d.answers },
    },
    outcome: 'abandoned',
    links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [] },
    marketing: [],
  };
  const transcript: NewRecord<TranscriptPage> = {
    id: `trn-demo-${String(i + 1).padStart(2, '0')}`,
    interactionId: id,
    seq: started.getTime() * 1000,
    entries: [
      { at: at(0), from: 'customer', text: d.said },
      { at: at(1), from: 'system', text: `Started ${d.procedure.replace(/-/g, ' ')}.` },
    ],
  };
  return { interaction, transcript };
}
