/**
 * Any procedure Step as a bot message: choices as suggested actions or a card list, confirm as
 * Yes/No (with a facts card for quotes and bills), optional questions with Skip. Buttons are
 * messageBack actions carrying { field, value } so the answer is exact whatever the label.
 */
import { CardFactory, MessageFactory, type Activity, type CardAction } from 'botbuilder';
import type { Step } from '../../../domain/procedures/procedure';
import type { CatalogText } from '../../../domain/catalog/catalog-text';
import type { ChatDialogs } from '../dialogs-data/load-chat-dialogs';
import type { Locale } from '../dialogs-data/schema';
import type { Wording } from './wording';

export interface ButtonValue {
  field: string;
  value: string | boolean;
}

/** The value of the "More options" button (never an option id: ids are kebab-case words). */
export const MORE = '__more__';

export const button = (title: string, value: ButtonValue): CardAction => ({ type: 'messageBack', title, text: title, displayText: title, value });

export class StepView {
  constructor(
    private readonly dialogs: ChatDialogs,
    private readonly wording: Wording,
    /** Catalog content in the customer's language. */
    private readonly catalogText?: CatalogText,
  ) {}

  /** Options per message; a longer list is paged with a "More options" button, as the IVR pages with 9. */
  pageSize(): number {
    return this.dialogs.presentation.choices.maxSuggestedActions;
  }

  render(given: Step, locale: Locale, page = 0): Partial<Activity> {
    const step = this.catalogText ? this.catalogText.localizeStep(given, locale) : given;
    const text = this.wording.prompt(step, locale);
    const card = this.factsCard(step, locale);
    const attachments = card ? [card] : [];
    if (step.kind === 'choose') {
      // Each choice once: a button whose title carries the label, its detail and its price.
      const size = this.pageSize();
      const pages = Math.max(1, Math.ceil(step.options.length / size));
      const shown = step.options.slice((page % pages) * size, (page % pages) * size + size);
      const actions = shown.map((o) => {
        const detail = o.detail && !o.amount ? ` — ${this.wording.value(o.detail, locale)}` : '';
        const price = o.amount ? ` (${this.wording.value(o.amount, locale)})` : '';
        return button(`${this.wording.value(o.label, locale)}${detail}${price}`.slice(0, 120), { field: step.field, value: o.id });
      });
      const more = pages > 1 ? [button(this.wording.msg('more', locale), { field: step.field, value: MORE })] : [];
      const skip = step.optional && !step.options.some((o) => o.id === 'none') ? [button(this.wording.msg('skip', locale), { field: step.field, value: '' })] : [];
      const style = this.dialogs.presentation.choices.styles[step.prompt] ?? this.dialogs.presentation.choices.styles[`${step.procedure}.${step.field}`] ?? this.dialogs.presentation.choices.default;
      if (style === 'card-list') {
        const list = CardFactory.heroCard('', undefined, [...actions, ...more, ...skip]);
        return { ...MessageFactory.text(text), attachments: [...attachments, list], inputHint: 'expectingInput' };
      }
      return { ...MessageFactory.suggestedActions([...actions, ...more, ...skip], text), attachments, inputHint: 'expectingInput' };
    }
    if (step.kind === 'confirm') {
      // A prompt may word its own answers ("No, keep it"), so declining never reads as the procedure's verb.
      const yesNo = [
        button(this.wording.promptPart(`${step.prompt}.yes`, 'yes', locale), { field: step.field, value: true }),
        button(this.wording.promptPart(`${step.prompt}.no`, 'no', locale), { field: step.field, value: false }),
      ];
      return { ...MessageFactory.suggestedActions(yesNo, text), attachments, inputHint: 'expectingInput' };
    }
    if (step.kind === 'input') {
      const skip = step.optional ? [button(this.wording.msg('skip', locale), { field: step.field, value: '' })] : [];
      return { ...(skip.length ? MessageFactory.suggestedActions(skip, text) : MessageFactory.text(text)), attachments, inputHint: 'expectingInput' };
    }
    return { ...MessageFactory.text(text), attachments, inputHint: 'acceptingInput' };
  }

  /** A facts card for quotes, bills and confirmations named in presentation.yaml. */
  private factsCard(step: Step, locale: Locale) {
    const spec = this.dialogs.presentation.cards[step.prompt];
    if (!spec) return undefined;
    const facts = spec.facts
      .filter((name) => step.facts[name] !== undefined && step.facts[name] !== null && step.facts[name] !== '' && !(Array.isArray(step.facts[name]) && (step.facts[name] as string[]).length === 0))
      .map((name) => ({ key: this.wording.factLabel(name, locale), value: this.wording.value(step.facts[name], locale) }));
    if (facts.length === 0) return undefined;
    return CardFactory.receiptCard({ title: this.wording.msg(spec.title, locale), facts, items: [], buttons: [] } as unknown as Parameters<typeof CardFactory.receiptCard>[0]);
  }
}
