/**
 * The LanguageUnderstanding port with NLP.js: one neural intent classifier per language, trained
 * in the process from chat-dialogs/understanding.<locale>.yaml, plus entity extraction. Training
 * takes well under a second; it runs once per process and data folder (tests share it).
 */
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { LangEs } from '@nlpjs/lang-es';
import path from 'node:path';
import { INTENTS, type Intent, type LanguageUnderstanding, type UnderstandOptions, type Understood, type UnderstandingLocale, type Vocabulary } from '../../domain/understanding/language-understanding';
import { answerFromText, plainWords, type AskStep, type StepAnswer, type Synonyms } from '../../domain/understanding/step-answer';
import { extractEntities } from './entities';
import { wordsToDigits } from './number-words';
import { loadTrainingFile } from './training-data';

const LOCALES: UnderstandingLocale[] = ['en', 'es'];
/** Below this the classifier's best guess is no intent at all. */
const MIN_SCORE = 0.5;
/** An example this short is a phrase a caller says as it is ("my bill", "no dial tone"): a speech hint. */
const HINT_WORDS = 3;

interface Classification {
  intent: string;
  score: number;
}
interface NlpLike {
  addLanguage(locale: string): void;
  addDocument(locale: string, utterance: string, intent: string): void;
  classify(locale: string, utterance: string): Promise<{ classifications: Classification[] }>;
  nluManager: { train(settings: object): Promise<unknown>; addLanguage(locales: string[]): void };
}

interface Trained {
  nlp: NlpLike;
  synonyms: Record<UnderstandingLocale, Synonyms>;
  /** Words of each language's examples that the other language's examples never use. */
  ownWords: Record<UnderstandingLocale, Set<string>>;
  vocabulary: Record<UnderstandingLocale, Vocabulary>;
}

async function train(dir: string): Promise<Trained> {
  const container = await containerBootstrap();
  container.use(Nlp);
  container.use(LangEn);
  container.use(LangEs);
  // NLP.js logs every training epoch to the console unless its neural settings say otherwise.
  container.registerConfiguration('nlu-??', { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false, spellCheckDistance: 1, filterZeros: true, log: false }, true);
  const nlp = container.get('nlp') as NlpLike & { settings: Record<string, unknown> };
  nlp.settings.autoSave = false;
  nlp.settings.autoLoad = false;
  const synonyms = {} as Record<UnderstandingLocale, Synonyms>;
  const vocabulary = {} as Record<UnderstandingLocale, Vocabulary>;
  for (const locale of LOCALES) {
    const data = loadTrainingFile(dir, locale);
    synonyms[locale] = Object.fromEntries(Object.entries(data.synonyms).map(([k, v]) => [plainWords(k).join(' '), v]));
    const short = (examples: string[]) => examples.filter((e) => e.trim().split(/\s+/).length <= HINT_WORDS);
    vocabulary[locale] = { intents: Object.fromEntries(INTENTS.map((i) => [i, short(data.intents[i])])) as Record<Intent, string[]>, optionWords: Object.keys(data.synonyms) };
    nlp.addLanguage(locale);
    for (const intent of INTENTS) for (const example of data.intents[intent]) nlp.addDocument(locale, example, intent);
    for (const example of data.none) nlp.addDocument(locale, example, 'None');
  }
  const words = Object.fromEntries(LOCALES.map((l) => [l, new Set(Object.values(loadTrainingFile(dir, l).intents).flat().flatMap(plainWords))])) as Record<UnderstandingLocale, Set<string>>;
  const ownWords = Object.fromEntries(LOCALES.map((l) => [l, new Set([...words[l]].filter((w) => LOCALES.every((o) => o === l || !words[o].has(w))))])) as Record<UnderstandingLocale, Set<string>>;
  nlp.nluManager.addLanguage(LOCALES);
  await nlp.nluManager.train({});
  return { nlp, synonyms, ownWords, vocabulary };
}

const trained = new Map<string, Promise<Trained>>();

/** The classifier for this data folder, trained on first use and kept for the process. */
function classifierFor(dir: string): Promise<Trained> {
  const key = path.resolve(dir);
  let p = trained.get(key);
  if (!p) {
    p = train(key);
    trained.set(key, p);
    p.catch(() => trained.delete(key));
  }
  return p;
}

const isIntent = (s: string): s is Intent => (INTENTS as readonly string[]).includes(s);

export class NlpUnderstanding implements LanguageUnderstanding {
  private readonly classifier: Promise<Trained>;

  constructor(dataDir: string) {
    this.classifier = classifierFor(dataDir);
    this.classifier.catch(() => undefined);
  }

  async ready(): Promise<void> {
    await this.classifier;
  }

  async understand(text: string, locale: UnderstandingLocale, opts: UnderstandOptions = {}): Promise<Understood> {
    const entities = extractEntities(text, locale, opts.now ?? new Date(), opts.timeZone ?? 'UTC');
    const said = text.trim().slice(0, 500);
    if (!said) return { intent: null, score: 0, entities };
    const { nlp } = await this.classifier;
    const { classifications } = await nlp.classify(locale, said);
    // A short answer that starts with a yes or a no word is that, whatever else the classifier thinks.
    if (entities.yesNo !== undefined && said.split(/\s+/).length <= 5) return { intent: entities.yesNo ? 'yes' : 'no', score: 1, entities };
    const best = classifications[0];
    if (!best || !isIntent(best.intent) || best.score < MIN_SCORE) return { intent: null, score: best?.score ?? 0, entities };
    return { intent: best.intent, score: best.score, entities };
  }

  async vocabulary(locale: UnderstandingLocale): Promise<Vocabulary> {
    return (await this.classifier).vocabulary[locale];
  }

  async guessLocale(text: string): Promise<UnderstandingLocale | null> {
    const { ownWords } = await this.classifier;
    const said = plainWords(text);
    const counts = LOCALES.map((l) => ({ l, n: said.filter((w) => ownWords[l].has(w)).length })).sort((a, b) => b.n - a.n);
    return counts[0].n > 0 && counts[0].n > counts[1].n ? counts[0].l : null;
  }

  async answer(step: AskStep, text: string, locale: UnderstandingLocale, opts: UnderstandOptions = {}): Promise<StepAnswer | null> {
    if (!text.trim()) return null;
    const understood = await this.understand(text, locale, opts);
    const { synonyms } = await this.classifier;
    return answerFromText(step, text, understood, { locale, timeZone: opts.timeZone ?? 'UTC', synonyms: synonyms[locale], withDigits: wordsToDigits(text, locale) });
  }
}
