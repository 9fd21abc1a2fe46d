/**
 * The retention half of the store contract: sweepExpired removes interactions and transcript
 * pages whose last activity is older than the policy, keeps recent ones, and leaves escalations
 * (with their own copy of the context) alone. Time comes from the `now` given, never the wall clock.
 */
import assert from 'node:assert/strict';
import type { Stores } from '../../../src/domain/ports/store';
import { collectionOf, newDoc, sortedIds } from './contract-docs';

const NOW = new Date('2026-11-20T15:00:00.000Z');
const POLICY = { interactionDays: 400, transcriptDays: 90 };
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

export function runRetentionContract(current: () => Stores): void {
  describe('retention', () => {
    beforeEach(async () => {
      const interactions = collectionOf(current(), 'interactions');
      const transcripts = collectionOf(current(), 'transcripts');
      const escalations = collectionOf(current(), 'escalations');
      // Ended long ago: expired.
      await interactions.insert(newDoc('interactions', 'i-old', { status: 'completed', startedAt: daysAgo(500), endedAt: daysAgo(499), steps: [{ at: daysAgo(499), name: 'verified' }] }));
      // Started long ago but still moving (a step a week ago): kept.
      await interactions.insert(newDoc('interactions', 'i-active', { status: 'open', startedAt: daysAgo(420), steps: [{ at: daysAgo(7), name: 'answer.reason' }] }));
      // Escalated long ago; its escalation is still queued with its own copy of the transcript.
      await interactions.insert(newDoc('interactions', 'i-escalated', { status: 'escalated', startedAt: daysAgo(450), endedAt: daysAgo(450), steps: [] }));
      await escalations.insert(newDoc('escalations', 'e1', { interactionId: 'i-escalated', status: 'queued', createdAt: daysAgo(450), context: { transcript: [{ at: daysAgo(450), from: 'customer', text: 'help' }] } }));
      await interactions.insert(newDoc('interactions', 'i-recent', { status: 'completed', startedAt: daysAgo(1), endedAt: daysAgo(1), steps: [] }));
      // No time at all: nothing to count from, kept.
      await interactions.insert(newDoc('interactions', 'i-timeless'));
      await transcripts.insert(newDoc('transcripts', 't-old', { interactionId: 'i-recent', seq: 1, entries: [{ at: daysAgo(120), from: 'customer', text: 'a' }, { at: daysAgo(91), from: 'system', text: 'b' }] }));
      await transcripts.insert(newDoc('transcripts', 't-edge', { interactionId: 'i-recent', seq: 2, entries: [{ at: daysAgo(89), from: 'customer', text: 'c' }] }));
      await transcripts.insert(newDoc('transcripts', 't-recent', { interactionId: 'i-recent', seq: 3, entries: [{ at: daysAgo(1), from: 'customer', text: 'd' }] }));
    });

    it('when the sweep runs, then records idle longer than their retention are removed and the others kept', async () => {
      const removed = await current().sweepExpired(NOW, POLICY);
      assert.deepEqual(removed, { interactions: 2, transcripts: 1 });
      assert.deepEqual(sortedIds(await collectionOf(current(), 'interactions').find({})), ['i-active', 'i-recent', 'i-timeless']);
      assert.deepEqual(sortedIds(await collectionOf(current(), 'transcripts').find({})), ['t-edge', 't-recent']);
    });

    it('when an expired interaction has an open escalation, then the escalation and its copy of the transcript stay', async () => {
      await current().sweepExpired(NOW, POLICY);
      const escalation = await collectionOf(current(), 'escalations').get('e1');
      assert.equal(escalation?.status, 'queued');
      assert.deepEqual((escalation?.context as { transcript: unknown[] }).transcript.length, 1);
    });

    it('when time moves on, then what was recent expires in turn; a shorter policy removes more', async () => {
      // A day earlier: the two old interactions, and the page whose last entry is exactly 90 days old (the cut-off is inclusive).
      assert.deepEqual(await current().sweepExpired(new Date(NOW.getTime() - 86_400_000), POLICY), { interactions: 2, transcripts: 1 });
      assert.deepEqual(await current().sweepExpired(new Date(NOW.getTime() + 2 * 86_400_000), POLICY), { interactions: 0, transcripts: 1 });
      assert.deepEqual(await current().sweepExpired(NOW, { interactionDays: 1, transcriptDays: 1 }), { interactions: 2, transcripts: 1 });
      assert.deepEqual(sortedIds(await collectionOf(current(), 'interactions').find({})), ['i-timeless']);
    });

    it('when a record is read, then the store\'s own activity field is not part of it, and a replace keeps it swept by its new activity', async () => {
      const interactions = collectionOf(current(), 'interactions');
      const old = (await interactions.get('i-old'))!;
      assert.equal('_activityAt' in old, false);
      await interactions.replace({ ...old, steps: [{ at: daysAgo(2), name: 'resumed' }] });
      await current().sweepExpired(NOW, POLICY);
      assert.ok(await interactions.get('i-old'), 'new activity keeps it');
    });
  });
}
