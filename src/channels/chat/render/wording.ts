/** Text per message key and prompt key, in the customer's locale, falling back to English, then to a generic sentence. */
import type { Step } from '../../../domain/procedures/procedure';
import type { Refusal } from '../../../domain/shared/refusal';
import type { ChatDialogs } from '../dialogs-data/load-chat-dialogs';
import { LOCALES, type Locale } from '../dialogs-data/schema';
import { fill, formatValue } from './format';

type Params = Parameters<typeof fill>[1];

export const toLocale = (raw: string | undefined): Locale => {
  const base = (raw ?? 'en').slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(base) ? (base as Locale) : 'en';
};

export class Wording {
  constructor(
    readonly dialogs: ChatDialogs,
    /** The operator's time zone: times are shown in it, not in UTC. */
    readonly timeZone = 'UTC',
  ) {}

  private raw(section: 'messages' | 'prompts' | 'facts', key: string, locale: Locale): string | undefined {
    return this.dialogs.wording[locale]?.[section][key] ?? this.dialogs.wording.en[section][key];
  }

  private words(locale: Locale) {
    return { yes: this.raw('messages', 'yes', locale) ?? 'Yes', no: this.raw('messages', 'no', locale) ?? 'No' };
  }

  hasPrompt(key: string, locale: Locale = 'en'): boolean {
    return this.raw('prompts', key, locale) !== undefined;
  }

  has(key: string, locale: Locale = 'en'): boolean {
    return this.raw('messages', key, locale) !== undefined;
  }

  msg(key: string, locale: Locale, params: Params = {}): string {
    return fill(this.raw('messages', key, locale) ?? key, params, locale, this.words(locale), this.timeZone);
  }

  prompt(step: Step, locale: Locale): string {
    const refusal = step.prompt.startsWith('refusal.') ? this.raw('prompts', 'refusal.default', locale) : undefined;
    const template = this.raw('prompts', step.prompt, locale) ?? refusal ?? this.raw('messages', `generic.${step.kind}`, locale) ?? '';
    return fill(template, step.facts, locale, this.words(locale), this.timeZone);
  }

  /** A prompt's own wording for a part (e.g. `discontinue-service.confirm.no`), else the message `fallback`. */
  promptPart(key: string, fallback: string, locale: Locale): string {
    return this.raw('prompts', key, locale) ?? this.msg(fallback, locale);
  }

  /** A refusal the domain threw, worded by its reason code (refusal.<reasonCode>, else refusal.default). */
  refusal(r: Refusal, locale: Locale): string {
    const template = this.raw('prompts', `refusal.${r.reasonCode}`, locale) ?? this.raw('prompts', 'refusal.default', locale) ?? '{explanation}';
    return fill(template, { ...r.facts, explanation: r.reason }, locale, this.words(locale), this.timeZone);
  }

  factLabel(name: string, locale: Locale): string {
    return this.raw('facts', name, locale) ?? name;
  }

  value(v: Params[string], locale: Locale): string {
    return formatValue(v, locale, this.words(locale), this.timeZone);
  }
}
