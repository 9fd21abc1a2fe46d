/**
 * Free text in chat, read through the LanguageUnderstanding port (the same classifier and entity
 * extraction the IVR's speech uses). The words in chat-dialogs/intents.yaml still name the
 * whole-message commands ("cancel", "menu"); the classifier adds the ways people say them
 * ("can I speak to a human please") and every procedure ("I was charged twice").
 */
import { CONFIDENT, type CommandIntent } from '../../../domain/understanding/language-understanding';
import { PROCEDURES, type ProcedureName } from '../../../domain/procedures/procedure';
import type { AskStep } from '../../../domain/understanding/step-answer';
import type { Command, Locale } from '../dialogs-data/schema';
import type { BotDeps } from './session';

/** Commands the classifier may raise on its own (the others interrupt only by their exact words). */
const CLASSIFIED_COMMANDS: readonly CommandIntent[] = ['agent', 'help', 'resume', 'start-over'];

export interface Read {
  command: Command | null;
  procedure: ProcedureName | null;
}

export async function readText(deps: BotDeps, text: string, locale: Locale, opts: { commandsOnly?: boolean } = {}): Promise<Read> {
  const exact = deps.understanding.command(text, locale);
  if (exact || !text.trim()) return { command: exact, procedure: null };
  const u = await deps.language.understand(text, locale, { now: deps.now(), timeZone: deps.timeZone });
  if (u.intent && (CLASSIFIED_COMMANDS as readonly string[]).includes(u.intent) && u.score >= CONFIDENT) return { command: u.intent as Command, procedure: null };
  if (opts.commandsOnly) return { command: null, procedure: null };
  const procedure = u.intent && (PROCEDURES as readonly string[]).includes(u.intent) ? (u.intent as ProcedureName) : null;
  return { command: null, procedure };
}

/** The answer to a step in the customer's words ("the fiber", "the latest one", "Tuesday morning", "yes please"). */
export async function readAnswer(deps: BotDeps, step: AskStep, text: string, locale: Locale): Promise<string | boolean | null> {
  const a = await deps.language.answer(step, text, locale, { now: deps.now(), timeZone: deps.timeZone });
  return a ? a.value : null;
}
