/** Drives a procedure through care.procedures, checking that each step asked is the one expected. */
import assert from 'node:assert/strict';
import type { Care } from '../../../../src/domain/care';
import type { Actor } from '../../../../src/domain/shared/actor';
import type { ProcedureName, Step } from '../../../../src/domain/procedures/procedure';
import type { CareFixture } from '../../../support/care-fixture';

export type Question = Exclude<Step, { kind: 'done' }>;
export type Done = Extract<Step, { kind: 'done' }>;
/** A field and the answer to give, or a function choosing it from the step asked. */
export type Turn = [field: string, answer: unknown | ((step: Question) => unknown)];

export const optionIds = (s: Step): string[] => (s.kind === 'choose' ? s.options.map((o) => o.id) : []);
export const optionLabelled = (pattern: RegExp) => (s: Question): string => {
  const found = s.kind === 'choose' ? s.options.find((o) => pattern.test(o.label)) : undefined;
  assert.ok(found, `no option labelled ${pattern} in ${s.field}: ${JSON.stringify(optionIds(s))}`);
  return found.id;
};
export const first = (s: Question): string => optionIds(s)[0] as string;

export async function actorOf(f: CareFixture, key: string, channel: Actor['channel'] = 'chat'): Promise<Actor> {
  const p = f.people.find((x) => x.key === key);
  assert.ok(p, key);
  return f.care.verification.verifyPin({ accountNumber: p.accountNumber, pin: p.pin }, { channel });
}

export interface Walked {
  interactionId: string;
  asked: Question[];
  done: Done;
}

/** Starts `name` on a fresh interaction and answers `turns` in order; the last answer must end it. */
export async function walk(care: Care, actor: Actor, name: ProcedureName, turns: Turn[], interactionId?: string): Promise<Walked> {
  const id = interactionId ?? (await care.interactions.start(actor, { channel: actor.channel })).id;
  let step = await care.procedures.start(actor, id, name);
  const asked: Question[] = [];
  for (const [field, answer] of turns) {
    assert.notEqual(step.kind, 'done', `ended before ${field}: ${JSON.stringify(step)}`);
    const q = step as Question;
    assert.equal(q.field, field, `expected step ${field}, was asked ${q.field}`);
    asked.push(q);
    step = await care.procedures.answer(actor, id, field, typeof answer === 'function' ? (answer as (s: Question) => unknown)(q) : answer);
  }
  assert.equal(step.kind, 'done', `not finished: ${JSON.stringify(step)}`);
  return { interactionId: id, asked, done: step as Done };
}
