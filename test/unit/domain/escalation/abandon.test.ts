/** A customer who leaves before a CSR takes the contact leaves the queue: positions count only those still waiting. */
import assert from 'node:assert/strict';
import { createEscalationsApi } from '../../../../src/domain/escalation/escalations-api';
import { createInteractionsApi } from '../../../../src/domain/interactions/interactions-api';
import type { EscalationsApi, InteractionsApi } from '../../../../src/domain/care';
import { anonymous } from '../../../../src/domain/shared/actor';
import { domainDeps, type DomainDeps } from '../interactions/domain-deps';

describe('escalations: leaving the queue', () => {
  let d: DomainDeps;
  let interactions: InteractionsApi;
  let escalations: EscalationsApi;
  beforeEach(async () => {
    d = await domainDeps();
    interactions = createInteractionsApi(d.deps);
    escalations = createEscalationsApi(d.deps, { interactions });
  });
  afterEach(() => d.stores.close());

  const queue = async (ref: string) => {
    const i = await interactions.start(anonymous('voice'), { channel: 'voice', channelRef: ref });
    const e = await escalations.escalate(anonymous('voice'), i.id, { reason: 'wants a person' });
    d.clock.advance(1000);
    return e;
  };

  it('when the first of three callers hangs up, then it is abandoned with the reason and the others move up', async () => {
    const [a, b, c] = [await queue('CA1'), await queue('CA2'), await queue('CA3')];
    assert.deepEqual([await escalations.position(b.id), await escalations.position(c.id)], [2, 3]);
    const left = await escalations.abandon(a.id, 'hung-up');
    assert.equal(left.status, 'abandoned');
    assert.deepEqual(left.abandoned, { reason: 'hung-up', at: d.clock.now().toISOString() });
    assert.deepEqual([await escalations.position(b.id), await escalations.position(c.id)], [1, 2]);
    assert.deepEqual((await escalations.queue({})).map((e) => e.id), [b.id, c.id]);
    const steps = (await interactions.get(a.interactionId)).steps.map((s) => s.name);
    assert.ok(steps.includes('escalation.abandoned'));
  });

  it('when abandoned twice, then the first reason stands and one step is noted', async () => {
    const a = await queue('CA1');
    await escalations.abandon(a.id, 'left-queue');
    d.clock.advance(5000);
    const again = await escalations.abandon(a.id, 'hung-up');
    assert.equal(again.abandoned?.reason, 'left-queue');
    assert.equal((await interactions.get(a.interactionId)).steps.filter((s) => s.name === 'escalation.abandoned').length, 1);
  });

  it('when a CSR already took the contact, then the end of the call leaves it assigned', async () => {
    const a = await queue('CA1');
    await escalations.assign(a.id, 'csr-1');
    const kept = await escalations.abandon(a.id, 'hung-up');
    assert.equal(kept.status, 'assigned');
    assert.equal(kept.abandoned, undefined);
  });

  it('when the escalation does not exist, then NOT_FOUND', async () => {
    await assert.rejects(escalations.abandon('esc-missing', 'chat-ended'), (e: { code?: string }) => e.code === 'NOT_FOUND');
  });
});
