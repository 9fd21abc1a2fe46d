/** A callback instead of waiting: the number as the domain reads phones, the time within the horizon, and the line without future callbacks. */
import assert from 'node:assert/strict';
import { createEscalationsApi } from '../../../../src/domain/escalation/escalations-api';
import { createInteractionsApi } from '../../../../src/domain/interactions/interactions-api';
import type { EscalationsApi, InteractionsApi } from '../../../../src/domain/care';
import { CALLBACK_HORIZON_DAYS } from '../../../../src/domain/escalation/escalation';
import { anonymous } from '../../../../src/domain/shared/actor';
import { domainDeps, type DomainDeps } from '../interactions/domain-deps';

describe('escalations: callback requests', () => {
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
    const i = await interactions.start(anonymous('chat'), { channel: 'chat', channelRef: ref });
    const e = await escalations.escalate(anonymous('chat'), i.id, { reason: 'wants a person' });
    d.clock.advance(1000);
    return e;
  };
  const hours = (n: number) => new Date(d.clock.now().getTime() + n * 3600_000).toISOString();
  const rejects = (p: Promise<unknown>, field: string) => assert.rejects(p, (e: { code?: string; details?: { field?: string } }) => e.code === 'VALIDATION_FAILED' && e.details?.field === field);

  it('when a number is written in a national shape, then it is kept in E.164; when it is not a number, then nothing changes', async () => {
    const e = await queue('c1');
    await rejects(escalations.requestCallback(e.id, { number: '555-01' }), 'number');
    await rejects(escalations.requestCallback(e.id, { number: 'call me' }), 'number');
    assert.equal((await d.stores.escalations.get(e.id))?.callback, undefined);
    const booked = await escalations.requestCallback(e.id, { number: '(217) 555-0177' });
    assert.deepEqual(booked.callback, { number: '+12175550177', requestedAt: d.clock.now().toISOString() });
  });

  it('when a time is asked for, then a future one within the horizon is kept, a past one means now, and one too far or unreadable is refused', async () => {
    const [a, b] = [await queue('c1'), await queue('c2')];
    await rejects(escalations.requestCallback(a.id, { number: '2175550177', at: hours(CALLBACK_HORIZON_DAYS * 24 + 1) }), 'at');
    await rejects(escalations.requestCallback(a.id, { number: '2175550177', at: 'tomorrow' }), 'at');
    assert.equal((await escalations.requestCallback(a.id, { number: '2175550177', at: hours(3) })).callback?.at, hours(3));
    assert.equal((await escalations.requestCallback(b.id, { number: '2175550178', at: hours(-1) })).callback?.at, undefined);
  });

  it('when a callback is booked for later, then it counts in nobody\'s position until its time, and a closed chat does not abandon it', async () => {
    const [a, b] = [await queue('c1'), await queue('c2')];
    assert.equal(await escalations.position(b.id), 2);
    await escalations.requestCallback(a.id, { number: '2175550177', at: hours(2) });
    assert.equal(await escalations.position(b.id), 1, 'the later callback is not ahead of b now');
    d.clock.advance(2 * 3600_000);
    assert.equal(await escalations.position(b.id), 2, 'at its time it is back in its place');
    assert.equal((await escalations.abandon(a.id, 'chat-ended')).status, 'queued');
  });
});
