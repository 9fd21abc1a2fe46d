/**
 * A prompt from the wording catalog, said with the step's facts: the one ICU engine
 * (src/shared/wording/render.ts) with the speech formatter (money, dates and numbers in words).
 */
import { renderMessage } from '../../../shared/wording/render';
import { speakFact, type Locale } from '../../../shared/format/speech/speak-facts';

export type FactValues = Record<string, unknown>;

export function fillTemplate(template: string, facts: FactValues, locale: Locale, timeZone = 'UTC'): string {
  return renderMessage(template, facts, { locale, medium: 'speech', format: (v) => speakFact(v, locale, timeZone) });
}
