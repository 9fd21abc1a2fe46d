/**
 * The held-out utterance set (test/understanding/utterances.<locale>.yaml): the classifier and
 * the step-answer reader are measured on phrasings written apart from the training examples.
 * Each language must reach 90%; the misses are printed so the data can be improved.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { NlpUnderstanding } from '../../src/adapters/understanding/nlp-understanding';
import { INTENTS, type UnderstandingLocale } from '../../src/domain/understanding/language-understanding';
import { NOW, STEPS, stepsFor, TIME_ZONE } from './fixture-steps';

const UtteranceSet = z.strictObject({
  locale: z.enum(['en', 'es']),
  intents: z.partialRecord(z.enum(INTENTS), z.array(z.string().min(1))),
  answers: z.array(z.strictObject({ step: z.string(), say: z.union([z.string(), z.number()]).transform(String), expect: z.union([z.string(), z.boolean()]) })),
});

const DIALOGS = path.join(__dirname, '../../chat-dialogs');
const load = (locale: UnderstandingLocale) => UtteranceSet.parse(YAML.parse(fs.readFileSync(path.join(__dirname, `utterances.${locale}.yaml`), 'utf8')));
const training = (locale: UnderstandingLocale) => YAML.parse(fs.readFileSync(path.join(DIALOGS, `understanding.${locale}.yaml`), 'utf8')) as { intents: Record<string, string[]>; none?: string[] };
const plain = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N} ]+/gu, '').trim();

describe('understanding: the held-out utterance set', () => {
  const understanding = new NlpUnderstanding(DIALOGS);
  before(() => understanding.ready());

  for (const locale of ['en', 'es'] as const) {
    const set = load(locale);

    it(`when the ${locale} set is read, then it has at least 300 phrasings covering every intent and step answer type, none copied from the training examples`, () => {
      const phrasings = [...Object.values(set.intents).flat(), ...set.answers.map((a) => a.say)];
      assert.ok(phrasings.length >= 300, `${phrasings.length} phrasings`);
      for (const intent of INTENTS) assert.ok((set.intents[intent]?.length ?? 0) >= 5, `intent ${intent}: at least 5 phrasings`);
      for (const step of Object.keys(STEPS)) assert.ok(set.answers.some((a) => a.step === step), `step ${step}: answered at least once`);
      const trained = new Set([...Object.values(training(locale).intents).flat(), ...(training(locale).none ?? [])].map(plain));
      const copied = phrasings.filter((p) => trained.has(plain(p)));
      assert.deepEqual(copied, [], 'phrasings also in the training file');
    });

    it(`when every ${locale} phrasing is understood, then at least 90% come out right`, async () => {
      const misses: string[] = [];
      let total = 0;
      for (const [intent, phrasings] of Object.entries(set.intents)) {
        for (const say of phrasings) {
          total++;
          const u = await understanding.understand(say, locale, { now: NOW, timeZone: TIME_ZONE });
          if (u.intent !== intent) misses.push(`"${say}": ${u.intent ?? 'nothing'} (${u.score.toFixed(2)}), wanted ${intent}`);
        }
      }
      for (const a of set.answers) {
        total++;
        const step = stepsFor(locale)[a.step];
        assert.ok(step, `no fixture step ${a.step}`);
        const got = await understanding.answer(step, a.say, locale, { now: NOW, timeZone: TIME_ZONE });
        if (got?.value !== a.expect) misses.push(`[${a.step}] "${a.say}": ${JSON.stringify(got?.value ?? null)}, wanted ${JSON.stringify(a.expect)}`);
      }
      const accuracy = (total - misses.length) / total;
      console.log(`      ${locale}: ${total - misses.length}/${total} understood (${(accuracy * 100).toFixed(1)}%)`);
      if (misses.length) console.log(misses.map((m) => `        miss ${m}`).join('\n'));
      assert.ok(accuracy >= 0.9, `${locale} accuracy ${(accuracy * 100).toFixed(1)}% is below 90%`);
    });
  }
});
