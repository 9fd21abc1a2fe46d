/**
 * Speech the listed words did not catch, read by the shared classifier: the procedure a caller
 * names at the main menu ("I was charged twice"), the answer to a step ("the fiber", "Tuesday
 * morning", "december 17", "yes please"). Dates are read in the flow's time zone.
 */
import type { ProcedureName } from '../../../domain/procedures/procedure';
import type { AskStep } from '../../../domain/understanding/step-answer';
import type { Turn } from './turn';

export async function procedureSpoken(t: Turn, speech: string, offered: readonly ProcedureName[]): Promise<{ procedure: ProcedureName; score: number } | undefined> {
  if (!t.rt.language || !speech.trim()) return undefined;
  const u = await t.rt.language.understand(speech, t.state.locale, { timeZone: t.rt.flows.settings.timeZone });
  return u.intent && (offered as readonly string[]).includes(u.intent) ? { procedure: u.intent as ProcedureName, score: u.score } : undefined;
}

export async function answerSpoken(t: Turn, step: AskStep, speech: string): Promise<string | boolean | undefined> {
  if (!t.rt.language || !speech.trim()) return undefined;
  const a = await t.rt.language.answer(step, speech, t.state.locale, { timeZone: t.rt.flows.settings.timeZone });
  return a ? a.value : undefined;
}
