import assert from 'node:assert/strict';
import { bootstrap } from '../../../src/bootstrap';
import { createStores } from '../../../src/adapters/stores';
import { silentLogger } from '../../../src/shared/logger';
import type { NewRecord, Stores } from '../../../src/domain/ports/store';
import type { Interaction } from '../../../src/domain/interactions/interaction';
import type { RetentionPolicy } from '../../../src/domain/interactions/retention';
import { FIXTURE_NOW, settableClock, testHasher } from '../../support/care-fixture';
import { testConfig } from '../api/api-harness';

const daysBefore = (days: number): string => new Date(Date.parse(FIXTURE_NOW) - days * 86_400_000).toISOString();

describe('retention on the embedded store: the server sweeps on a timer', () => {
  it('when the server runs, then interactions idle past INTERACTION_RETENTION_DAYS and pages past TRANSCRIPT_RETENTION_DAYS are removed, recent ones kept', async () => {
    const stores = await createStores({ inMemory: true });
    const ended = (id: string, days: number): NewRecord<Interaction> => ({
      id, channel: 'chat', verification: 'none', status: 'completed', startedAt: daysBefore(days), endedAt: daysBefore(days),
      intents: [], steps: [], links: { orderIds: [], ticketIds: [], adjustmentIds: [], extensionIds: [] }, marketing: [],
    });
    await stores.interactions.insert(ended('int-old', 40));
    await stores.interactions.insert(ended('int-new', 20));
    await stores.transcripts.insert({ id: 'trn-old', interactionId: 'int-new', seq: 1, entries: [{ at: daysBefore(20), from: 'customer', text: 'hi' }] });
    await stores.transcripts.insert({ id: 'trn-new', interactionId: 'int-new', seq: 2, entries: [{ at: daysBefore(2), from: 'customer', text: 'hi again' }] });

    let swept!: (policy: RetentionPolicy) => void;
    const sweptOnce = new Promise<RetentionPolicy>((resolve) => (swept = resolve));
    const watched: Stores = {
      ...stores,
      sweepExpired: async (now, policy) => {
        const removed = await stores.sweepExpired(now, policy);
        swept(policy);
        return removed;
      },
    };
    const runtime = await bootstrap(testConfig({ INTERACTION_RETENTION_DAYS: '30', TRANSCRIPT_RETENTION_DAYS: '14' }), {
      logger: silentLogger(),
      clock: settableClock(),
      overrides: { stores: watched, hasher: testHasher, watchFiles: false, workerInProcess: false, seedDemo: false, retentionSweepMs: 5 },
    });
    try {
      assert.deepEqual(await sweptOnce, { interactionDays: 30, transcriptDays: 14 });
      assert.deepEqual((await stores.interactions.find({})).map((i) => i.id), ['int-new']);
      assert.deepEqual((await stores.transcripts.find({})).map((t) => t.id), ['trn-new']);
    } finally {
      await runtime.close();
      await stores.close();
    }
  });
});
