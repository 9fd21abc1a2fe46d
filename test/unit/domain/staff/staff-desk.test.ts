/** The staff desk's rules beyond the HTTP edge: who may wrap up, repeats, closed escalations, audit on refusal. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createStaffDesk, type StaffDesk } from '../../../../src/domain/staff/staff-desk';
import { dispositionsFileSchema } from '../../../../src/domain/staff/dispositions';
import { staffView, type StaffView } from '../../../../src/domain/staff/staff';
import { anonymous } from '../../../../src/domain/shared/actor';
import { makeCare, ROOT, type CareFixture } from '../../../support/care-fixture';

const dispositions = dispositionsFileSchema.parse(JSON.parse(readFileSync(path.join(ROOT, 'catalog/dispositions.json'), 'utf8'))).dispositions;

describe('staff desk', () => {
  let f: CareFixture;
  let desk: StaffDesk;
  let alex: StaffView;
  let sam: StaffView;
  let jordan: StaffView;
  beforeEach(async () => {
    f = await makeCare();
    desk = createStaffDesk({ ...f.deps, escalations: f.care.escalations, dispositions: () => dispositions });
    const byName = async (u: string) => staffView((await f.stores.staff.findOne({ username: u }))!);
    [alex, sam, jordan] = await Promise.all([byName('alex.morgan'), byName('sam.okafor'), byName('jordan.reyes')]);
  });
  afterEach(() => f.close());

  async function queued(skill: 'general' | 'repair' = 'general') {
    const i = await f.care.interactions.start(anonymous('chat'), { channel: 'chat' });
    return f.care.escalations.escalate(anonymous('chat'), i.id, { reason: 'wants a person', skill });
  }

  it('when a supervisor wraps up an escalation a CSR took, then it is resolved under the supervisor\'s name', async () => {
    const e = await queued();
    await desk.accept(alex, e.id);
    const { escalation } = await desk.resolve(jordan, e.id, { disposition: 'resolved' });
    assert.deepEqual(escalation.resolution, { by: 'stf-jordan', disposition: 'resolved' });
  });

  it('when the wrap-up is repeated with the same disposition, then the first stands and the interaction gets one wrap-up step', async () => {
    const e = await queued();
    await desk.accept(alex, e.id);
    await desk.resolve(alex, e.id, { disposition: 'resolved', note: 'done' });
    const again = await desk.resolve(alex, e.id, { disposition: 'resolved', note: 'done again' });
    assert.equal(again.escalation.resolution?.note, 'done');
    assert.equal(again.interaction.steps.filter((s) => s.name === 'wrap-up').length, 1);
    await assert.rejects(desk.resolve(alex, e.id, { disposition: 'disconnected' }), { code: 'CONFLICT' });
  });

  it('when an escalation is still queued or was abandoned, then it cannot be wrapped up', async () => {
    const waiting = await queued();
    await assert.rejects(desk.resolve(jordan, waiting.id, { disposition: 'resolved' }), { code: 'CONFLICT' });
    await f.care.escalations.customerLeft(waiting.interactionId, 'hung-up');
    await assert.rejects(desk.resolve(jordan, waiting.id, { disposition: 'resolved' }), { code: 'CONFLICT' });
    await assert.rejects(desk.accept(jordan, waiting.id), { code: 'VALIDATION_FAILED' });
    assert.equal((await f.stores.escalations.get(waiting.id))?.status, 'abandoned');
  });

  it('when an abandoned escalation leaves the queue, then the queue no longer lists it and the event says so', async () => {
    const heard: string[] = [];
    f.deps.events.subscribe((e) => heard.push(e.type));
    const e = await queued('repair');
    assert.deepEqual((await desk.queue(sam)).map((x) => x.id), [e.id]);
    await f.care.escalations.customerLeft(e.interactionId, 'hung-up');
    assert.deepEqual(await desk.queue(sam), []);
    assert.deepEqual(heard, ['escalation.queued', 'escalation.abandoned']);
    assert.equal(desk.concerns(alex, { type: 'escalation.abandoned', at: 'x', escalationId: e.id, skill: 'repair' }), false);
    assert.equal(desk.concerns(sam, { type: 'escalation.abandoned', at: 'x', escalationId: e.id, skill: 'repair' }), true);
  });

  it('when an escalation id is unknown, then accept is NOT_FOUND and the refusal is audited', async () => {
    await assert.rejects(desk.accept(alex, 'esc_missing'), { code: 'NOT_FOUND' });
    const [entry] = await f.stores.audit.find({ action: 'escalation.accept' });
    assert.deepEqual([entry?.staffId, entry?.escalationId, entry?.result, entry?.code], ['stf-alex', 'esc_missing', 'refused', 'NOT_FOUND']);
  });
});
