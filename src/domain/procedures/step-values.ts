import { fail } from '../shared/errors';
import type { QuestionStep } from './procedure-definition';

const isSkip = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * Checks an answer against the step that was offered: a choose value must be one of its option
 * ids, a confirm value a boolean, an input a string; optional steps may be skipped (null).
 */
export function checkAgainstStep(step: QuestionStep, value: unknown): { value: unknown; label?: string } {
  if (step.kind === 'confirm') {
    if (typeof value !== 'boolean') fail('VALIDATION_FAILED', 'a confirmation is yes or no', { field: step.field });
    return { value, label: value ? 'yes' : 'no' };
  }
  if (isSkip(value)) {
    if (!step.optional) fail('VALIDATION_FAILED', 'this step needs an answer', { field: step.field });
    return { value: null, label: 'skipped' };
  }
  if (typeof value !== 'string' && typeof value !== 'number') fail('VALIDATION_FAILED', 'the answer must be text', { field: step.field });
  const text = String(value).trim();
  if (step.kind === 'input') return { value: text };
  const option = step.options.find((o) => o.id === text);
  if (!option) fail('VALIDATION_FAILED', 'that was not one of the options offered', { field: step.field });
  return { value: option.id, label: option.label };
}

/** Is a repeated answer the same as the first one (as sent, or as stored)? */
export function sameAnswer(first: unknown, again: unknown): boolean {
  if (isSkip(first) && isSkip(again)) return true;
  if (typeof first === 'boolean' || typeof again === 'boolean') return first === again;
  if (isSkip(first) || isSkip(again)) return false;
  return String(first).trim() === String(again).trim();
}

/** "12.50", "12.5", "12" or "$12.50" to minor units; anything else is AMOUNT_NOT_VALID. */
export function parseAmountMinor(text: string): number {
  const m = /^\$?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) fail('AMOUNT_NOT_VALID', 'an amount is written like 12.50');
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
