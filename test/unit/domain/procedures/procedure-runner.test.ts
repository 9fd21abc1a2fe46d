import assert from 'node:assert/strict';
import { createProceduresApi } from '../../../../src/domain/procedures/procedures-api';
import { createInteractionsApi } from '../../../../src/domain/interactions/interactions-api';
import { choose, confirm, done, input, type ProcedureApis, type ProcedureDefinition, type StepDef } from '../../../../src/domain/procedures/procedure-definition';
import type { DefinitionSet } from '../../../../src/domain/procedures/procedure-runner';
import { decodeProcedure } from '../../../../src/domain/procedures/procedure-codec';
import type { ProcedureState } from '../../../../src/domain/procedures/procedure';
import type { InteractionsApi, ProceduresApi } from '../../../../src/domain/care';
import { fail } from '../../../../src/domain/shared/errors';
import { anonymous, type Actor } from '../../../../src/domain/shared/actor';
import { domainDeps, type DomainDeps } from '../interactions/domain-deps';

/**
 * The interpreter with two small made-up procedures (under real procedure names), so its rules are
 * tested apart from any domain API: order of steps, `when`, validation, retries, endings, resume.
 */
const dana: Actor = { kind: 'customer', channel: 'chat', verification: 'verified', customerId: 'cus_dana' };

function fakes() {
  const finishes: string[] = [];
  const colour: StepDef = {
    field: 'colour',
    build: async () => choose('bill-adjustment', 'colour', [{ id: 'red', label: 'Red' }, { id: 'blue', label: 'Blue' }]),
    derive: async (_actor, answers) => ({ $shade: answers.colour === 'red' ? 'warm' : 'cool' }),
  };
  const size: StepDef = {
    field: 'size.in',
    when: (a) => a.colour === 'red',
    build: async () => input('bill-adjustment', 'size.in', 'digits', { optional: true, facts: { max: 9 } }),
    async accept(_actor, _answers, value) {
      if (value === null) return 9;
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 9) fail('AMOUNT_NOT_VALID', 'size is 1 to 9');
      return n;
    },
  };
  const ok: StepDef = { field: 'confirm', build: async (_a, answers) => confirm('bill-adjustment', 'confirm', { colour: String(answers.colour) }) };
  const adjustment: ProcedureDefinition = {
    name: 'bill-adjustment',
    requires: 'verified',
    steps: async () => [colour, size, ok],
    async finish(_actor, answers, key) {
      finishes.push(key);
      return done('bill-adjustment', 'completed', { size: Number(answers['size.in'] ?? 0), shade: String(answers.$shade) }, { orderId: `ord-for-${key}` });
    },
  };
  const inquiry: ProcedureDefinition = {
    name: 'bill-inquiry',
    requires: 'identified',
    steps: async () => [],
    finish: async () => done('bill-inquiry', 'informed', { balance: { amountMinor: 1234, currency: 'USD' } }),
  };
  const nothing: ProcedureDefinition = {
    name: 'modify-service',
    requires: 'verified',
    steps: async () => [{ field: 'service', build: async () => choose('modify-service', 'service', []) }],
    finish: async () => fail('VALIDATION_FAILED', 'never reached'),
  };
  const defs: DefinitionSet = { 'bill-adjustment': adjustment, 'bill-inquiry': inquiry, 'modify-service': nothing };
  return { defs, finishes };
}

describe('procedure interpreter', () => {
  let d: DomainDeps;
  let interactions: InteractionsApi;
  let procedures: ProceduresApi;
  let finishes: string[];
  beforeEach(async () => {
    d = await domainDeps();
    interactions = createInteractionsApi(d.deps);
    const f = fakes();
    finishes = f.finishes;
    procedures = createProceduresApi(d.deps, { interactions } as ProcedureApis, f.defs);
  });
  afterEach(() => d.stores.close());

  const begin = async (actor: Actor = dana, channel: Actor['channel'] = 'chat') => (await interactions.start(actor, { channel })).id;

  it('when a procedure starts, then the intent and the draft are recorded and the first step is asked', async () => {
    const id = await begin();
    const step = await procedures.start(dana, id, 'bill-adjustment');
    assert.equal(step.kind, 'choose');
    assert.equal(step.kind === 'choose' && step.prompt, 'bill-adjustment.colour');
    const i = await interactions.get(id);
    assert.deepEqual(i.intents, ['bill-adjustment']);
    assert.equal(i.procedure?.status, 'open');
    assert.deepEqual(i.procedure?.answers, {});
    assert.ok(i.steps.some((s) => s.name === 'procedure.started'));
  });

  it('when the actor is below the level the procedure needs, then start is refused', async () => {
    const id = await begin(anonymous('chat'));
    await assert.rejects(procedures.start(anonymous('chat'), id, 'bill-inquiry'), { code: 'NOT_IDENTIFIED' });
    await assert.rejects(procedures.start({ ...dana, verification: 'identified' }, id, 'bill-adjustment'), { code: 'NOT_VERIFIED' });
    assert.deepEqual(
      procedures.available({ ...dana, verification: 'identified' }).map((a) => [a.name, a.allowed]),
      [['bill-inquiry', true], ['bill-adjustment', false], ['modify-service', false]],
    );
  });

  it('when a procedure has no questions, then start returns its ending at once', async () => {
    const id = await begin();
    const step = await procedures.start(dana, id, 'bill-inquiry');
    assert.equal(step.kind, 'done');
    assert.equal(step.kind === 'done' && step.prompt, 'bill-inquiry.done.informed');
    assert.equal((await interactions.get(id)).procedure?.status, 'done');
  });

  it('when steps are answered in order, then `when` skips what does not apply and finish runs once', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    const next = await procedures.answer(dana, id, 'colour', 'blue');
    assert.equal(next.kind === 'confirm' && next.field, 'confirm');
    const end = await procedures.answer(dana, id, 'confirm', true);
    assert.equal(end.kind, 'done');
    assert.equal(finishes.length, 1);
    const i = await interactions.get(id);
    const startedAt = i.procedure?.startedAt;
    assert.equal(finishes[0], `${id}:bill-adjustment:${startedAt}`);
    assert.equal(i.procedure?.status, 'done');
    assert.deepEqual(i.procedure?.result, { outcome: 'completed', refs: { orderId: `ord-for-${finishes[0]}` } });
    assert.deepEqual(i.links.orderIds, [`ord-for-${finishes[0]}`]);
    assert.equal(i.outcome, 'completed');
    assert.deepEqual(i.procedure?.labels, { colour: 'Blue', confirm: 'yes' });
    assert.ok(i.steps.some((s) => s.name === 'procedure.done' && s.detail?.outcome === 'completed'));
  });

  it('when a field other than the current one is answered, then STEP_NOT_VALID and nothing changes', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    await assert.rejects(procedures.answer(dana, id, 'confirm', true), { code: 'STEP_NOT_VALID' });
    await assert.rejects(procedures.answer(dana, id, '$derived', 'x'), { code: 'STEP_NOT_VALID' });
    assert.deepEqual((await interactions.get(id)).procedure?.completed, []);
    assert.equal(finishes.length, 0);
  });

  it('when a value was not offered, then VALIDATION_FAILED (or the step\'s own code) and nothing changes', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    await assert.rejects(procedures.answer(dana, id, 'colour', 'green'), { code: 'VALIDATION_FAILED' });
    await assert.rejects(procedures.answer(dana, id, 'colour', ''), { code: 'VALIDATION_FAILED' });
    await procedures.answer(dana, id, 'colour', 'red');
    await assert.rejects(procedures.answer(dana, id, 'size.in', '12'), { code: 'AMOUNT_NOT_VALID' });
    const confirmStep = await procedures.answer(dana, id, 'size.in', '');
    assert.equal(confirmStep.kind, 'confirm');
    await assert.rejects(procedures.answer(dana, id, 'confirm', 'yes'), { code: 'VALIDATION_FAILED' });
    const stored = (await interactions.get(id)).procedure;
    assert.deepEqual(stored?.answers, { colour: 'red', _shade: 'warm', 'size:in': 9 }, 'keys a document store refuses are encoded');
    assert.deepEqual(decodeProcedure(stored as ProcedureState).answers, { colour: 'red', $shade: 'warm', 'size.in': 9 });
  });

  it('when an answer is repeated, then it returns the current step unchanged; a different value is refused', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    const first = await procedures.answer(dana, id, 'colour', 'red');
    const again = await procedures.answer(dana, id, 'colour', 'red');
    assert.deepEqual(again, first);
    await assert.rejects(procedures.answer(dana, id, 'colour', 'blue'), { code: 'STEP_NOT_VALID' });
    await procedures.answer(dana, id, 'size.in', '3');
    assert.deepEqual(await procedures.answer(dana, id, 'size.in', 3), await procedures.current(dana, id));
  });

  it('when the final answer is sent twice, then the procedure finishes once and the same ending comes back', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    await procedures.answer(dana, id, 'colour', 'blue');
    const [a, b] = await Promise.all([procedures.answer(dana, id, 'confirm', true), procedures.answer(dana, id, 'confirm', true)]);
    const c = await procedures.answer(dana, id, 'confirm', true);
    assert.deepEqual(a, b);
    assert.deepEqual(a, c);
    assert.equal(new Set(finishes).size, 1, 'every finish used the same idempotency key');
    assert.equal((await interactions.get(id)).links.orderIds.length, 1);
  });

  it('when the confirmation is declined, then the procedure ends declined without finishing', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    await procedures.answer(dana, id, 'colour', 'blue');
    const end = await procedures.answer(dana, id, 'confirm', false);
    assert.equal(end.kind === 'done' && end.outcome, 'declined');
    assert.equal(end.kind === 'done' && end.prompt, 'bill-adjustment.done.declined');
    assert.equal(finishes.length, 0);
    assert.equal((await interactions.get(id)).procedure?.status, 'declined');
  });

  it('when a required choice has nothing to offer, then the procedure ends for a person instead of asking', async () => {
    const id = await begin();
    const step = await procedures.start(dana, id, 'modify-service');
    assert.deepEqual(step, {
      kind: 'done',
      procedure: 'modify-service',
      outcome: 'escalate',
      prompt: 'refusal.no-modifiable-service',
      facts: {
        field: 'service',
        procedure: 'modify-service',
        reasonCode: 'no-modifiable-service',
        explanation: 'none of the services on this account can be changed here right now',
        nextSteps: ['agent'],
      },
      refs: {},
    });
  });

  it('when the interaction belongs to someone else, then the procedure cannot be driven from it', async () => {
    const id = await begin();
    await procedures.start(dana, id, 'bill-adjustment');
    await assert.rejects(procedures.current({ ...dana, customerId: 'cus_other' }, id), { code: 'NOT_FOUND' });
  });

  describe('continuity', () => {
    async function abandonedDraft(): Promise<string> {
      const id = await begin();
      await procedures.start(dana, id, 'bill-adjustment');
      await procedures.answer(dana, id, 'colour', 'red');
      await interactions.end(id, { status: 'abandoned' });
      return id;
    }

    it('when a draft was abandoned on chat, then voice is offered it and resumes after the last completed step', async () => {
      const old = await abandonedDraft();
      d.clock.advance(3_600_000);
      const voice = { ...dana, channel: 'voice' as const };
      const now = await begin(voice, 'voice');
      assert.deepEqual(await procedures.resumable(voice), { interactionId: old, procedure: 'bill-adjustment', channel: 'chat', updatedAt: '2026-11-20T15:00:00.000Z', completed: ['colour'] });
      const step = await procedures.resume(voice, now);
      assert.equal(step.kind === 'input' && step.field, 'size.in');
      const resumed = await interactions.get(now);
      assert.equal(resumed.resumedFrom, old);
      assert.deepEqual(resumed.procedure?.completed, ['colour']);
      assert.equal((await interactions.get(old)).procedure?.closed?.to, now);
      assert.equal(await procedures.resumable(voice), null, 'a moved draft is not offered twice');
      await assert.rejects(procedures.resume(voice, now), { code: 'NOTHING_TO_RESUME' });
      await procedures.answer(voice, now, 'size.in', '2');
      assert.equal((await procedures.answer(voice, now, 'confirm', true)).kind, 'done');
      assert.equal(finishes[0], `${now}:bill-adjustment:${resumed.procedure?.startedAt}`);
    });

    it('when the draft is older than the resume window, then there is nothing to resume', async () => {
      await abandonedDraft();
      d.clock.advance((d.deps.policy.resumeWindowHours + 1) * 3_600_000);
      const now = await begin();
      assert.equal(await procedures.resumable(dana), null);
      await assert.rejects(procedures.resume(dana, now), { code: 'NOTHING_TO_RESUME' });
    });

    it('when the procedure was finished, then it is not resumable', async () => {
      const id = await begin();
      await procedures.start(dana, id, 'bill-inquiry');
      await interactions.end(id, { status: 'abandoned' });
      assert.equal(await procedures.resumable(dana), null);
    });

    it('when an old interaction has ended, then driving its draft there is refused', async () => {
      const old = await abandonedDraft();
      await assert.rejects(procedures.answer(dana, old, 'size.in', '2'), { code: 'INTERACTION_CLOSED' });
    });
  });
});
