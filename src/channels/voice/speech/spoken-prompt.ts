/**
 * A prompt's words as the caller hears them, the one way every voice path says a prompt (the
 * flow, the hold and callback messages, the pickup, the campaign calls): identifiers digit by
 * digit, plurals chosen, facts in words, then the last pass over any raw value left in the text.
 */
import { fillTemplate, type FactValues } from '../flows/prompt-template';
import { identifiersSpoken } from '../../../shared/format/speech/speak-identifier';
import type { Locale } from '../../../shared/format/speech/speak-facts';
import { speakText } from '../../../shared/format/speech/speak-text';

export function spokenPrompt(template: string, given: FactValues, locale: Locale, timeZone = 'UTC'): string {
  if (!template) return '';
  const facts = identifiersSpoken(given, locale);
  return speakText(fillTemplate(template, facts, locale, timeZone), locale, timeZone);
}
