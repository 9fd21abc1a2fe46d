import type { CareDeps } from '../deps';
import type { InteractionsApi } from '../care';
import type { Actor, Channel } from '../shared/actor';
import type { Interaction, InteractionStep, TranscriptEntry } from './interaction';
import type { Stores } from '../ports/store';
import { fail } from '../shared/errors';
import { updateWithRetry } from '../shared/update-with-retry';
import { redactDetail, redactText } from './redaction';

/** Caps keep one long call or chat from growing a document without bound. */
export const MAX_STEPS = 300;
export const MAX_TRANSCRIPT = 500;
const MAX_TEXT = 2000;

type TranscriptInput = Omit<TranscriptEntry, 'at'>;

const keepLast = <T>(items: T[], cap: number): T[] => (items.length > cap ? items.slice(items.length - cap) : items);

export const appendStep = (i: Interaction, step: InteractionStep): InteractionStep[] => keepLast([...i.steps, step], MAX_STEPS);

/** The last MAX_TRANSCRIPT entries of an interaction's transcript, oldest first. */
export async function readTranscript(stores: Pick<Stores, 'transcripts'>, interactionId: string): Promise<TranscriptEntry[]> {
  // Every page holds at least one entry, so the newest MAX_TRANSCRIPT pages hold enough.
  const pages = await stores.transcripts.find({ interactionId }, { sort: { seq: -1 }, limit: MAX_TRANSCRIPT });
  return keepLast(pages.reverse().flatMap((p) => p.entries), MAX_TRANSCRIPT);
}

export function createInteractionsApi(deps: Pick<CareDeps, 'stores' | 'clock' | 'ids'>): InteractionsApi {
  const coll = deps.stores.interactions;
  const now = (): string => deps.clock.now().toISOString();
  let lastSeq = 0;
  /** Increasing in this process even when the clock stands still or steps back. */
  const nextSeq = (): number => (lastSeq = Math.max(lastSeq + 1, deps.clock.now().getTime() * 1000));

  async function get(interactionId: string): Promise<Interaction> {
    const found = await coll.get(interactionId);
    if (!found) fail('NOT_FOUND', 'no such interaction', { interactionId });
    return found;
  }

  /** Attaching a customer needs an interaction still under way. */
  const whileOpen = (mutate: (i: Interaction) => Interaction | null) => (i: Interaction) => {
    if (i.status !== 'open') fail('INTERACTION_CLOSED', 'the interaction has ended', { interactionId: i.id, status: i.status });
    return mutate(i);
  };

  return {
    async start(actor: Actor, input: { channel: Channel; channelRef?: string }) {
      const at = now();
      return coll.insert({
        id: deps.ids.next('int'),
        channel: input.channel,
        ...(input.channelRef ? { channelRef: input.channelRef } : {}),
        ...(actor.customerId ? { customerId: actor.customerId } : {}),
        verification: actor.customerId ? actor.verification : 'none',
        status: 'open',
        startedAt: at,
        intents: [],
        steps: actor.customerId ? [{ at, name: actor.verification === 'verified' ? 'verified' : 'identified' }] : [],
        links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [] },
        marketing: [],
      });
    },

    async byChannelRef(channel: Channel, channelRef: string) {
      const open = await coll.findOne({ channel, channelRef, status: 'open' });
      if (open) return open;
      const [latest] = await coll.find({ channel, channelRef }, { sort: { startedAt: -1 }, limit: 1 });
      return latest ?? null;
    },

    get,

    async attach(interactionId: string, actor: Actor) {
      if (!actor.customerId || actor.verification === 'none') fail('NOT_IDENTIFIED', 'attach needs an identified or verified customer');
      return updateWithRetry(coll, interactionId, whileOpen((i) => {
        if (i.customerId && i.customerId !== actor.customerId) fail('VALIDATION_FAILED', 'the interaction belongs to another customer');
        if (i.customerId === actor.customerId && i.verification === actor.verification) return null;
        const name = actor.verification === 'verified' ? 'verified' : 'identified';
        return { ...i, customerId: actor.customerId, verification: actor.verification, steps: appendStep(i, { at: now(), name }) };
      }));
    },

    async note(interactionId: string, step: { name: string; detail?: Record<string, unknown> }) {
      const detail = redactDetail(step.detail);
      // Notes and transcript stay writable after the self-service part ends: a CSR continues an escalated contact.
      await updateWithRetry(coll, interactionId, (i) => ({
        ...i,
        steps: appendStep(i, { at: now(), name: step.name, ...(i.procedure ? { procedure: i.procedure.name } : {}), ...(detail ? { detail } : {}) }),
      }));
    },

    async transcript(interactionId: string, entries: TranscriptInput | readonly TranscriptInput[]) {
      const list = Array.isArray(entries) ? (entries as readonly TranscriptInput[]) : [entries as TranscriptInput];
      if (list.length === 0) return;
      const at = now();
      const added = list.map((e) => ({ at, from: e.from, text: redactText(String(e.text ?? '')).slice(0, MAX_TEXT) }));
      // One insert for the whole batch, in the order given: the interaction is neither read nor
      // rewritten, and concurrent writers never conflict on it.
      if ((await coll.count({ id: interactionId })) === 0) fail('NOT_FOUND', 'no such interaction', { interactionId });
      await deps.stores.transcripts.insert({ id: deps.ids.next('trn'), interactionId, seq: nextSeq(), entries: added });
    },

    transcriptOf: (interactionId: string) => readTranscript(deps.stores, interactionId),

    async end(interactionId: string, input) {
      return updateWithRetry(coll, interactionId, (i) => {
        if (i.status !== 'open') return null; // ending twice is harmless: the first ending stands
        const endedAt = deps.clock.now();
        const durationSec = input.durationSec ?? Math.max(0, Math.round((endedAt.getTime() - Date.parse(i.startedAt)) / 1000));
        return {
          ...i,
          status: input.status,
          ...(input.outcome ? { outcome: input.outcome } : {}),
          endedAt: endedAt.toISOString(),
          durationSec,
          // An offer still waiting for an answer when the contact ends was not answered.
          ...(i.offer && !i.offer.answer ? { offer: { ...i.offer, answer: 'no-answer' as const, answeredAt: endedAt.toISOString() } } : {}),
          // An abandoned draft stays open on purpose: it is what continuity offers to resume.
          steps: appendStep(i, { at: endedAt.toISOString(), name: `interaction.${input.status}` }),
        };
      });
    },

    async list(actor: Actor) {
      if (!actor.customerId || actor.verification === 'none') fail('NOT_IDENTIFIED', 'listing interactions needs an identified customer');
      // A pending sign-up code (hashed) is the domain's business, never the customer's listing.
      return (await coll.find({ customerId: actor.customerId }, { sort: { startedAt: -1 }, limit: 100 })).map(({ signUpCode: _code, ...i }) => i);
    },
  };
}
