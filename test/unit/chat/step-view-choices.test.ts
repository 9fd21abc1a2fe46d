/** Chat shows each choice once (buttons, no numbered list), pages long lists, and times in the operator's zone. */
import assert from 'node:assert/strict';
import type { Activity, CardAction } from 'botbuilder';
import { StepView } from '../../../src/channels/chat/render/step-view';
import { Wording } from '../../../src/channels/chat/render/wording';
import type { Step } from '../../../src/domain/procedures/procedure';
import { DIALOGS } from './chat-test-kit';

const view = new StepView(DIALOGS, new Wording(DIALOGS, 'America/Chicago'));
const buttons = (a: Partial<Activity>): CardAction[] => [
  ...(a.suggestedActions?.actions ?? []),
  ...(a.attachments ?? []).flatMap((x) => ((x.content as { buttons?: CardAction[] } | undefined)?.buttons ?? [])),
];
const texts = (a: Partial<Activity>): string => [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify((x.content as { text?: string }).text ?? ''))].join(' ');

const slots = Array.from({ length: 10 }, (_, i) => ({ id: `slot-${i}`, label: `2026-12-${String(i + 1).padStart(2, '0')}T14:00:00.000Z` }));
const step: Step = { kind: 'choose', procedure: 'repair', field: 'slot', prompt: 'repair.slot', options: slots, optional: false, facts: {} };

describe('chat: choices shown once, paged, in the operator time zone', () => {
  it('when a list of ten slots is shown, then the first page has one button per slot and a More options button, and no numbered list', () => {
    const a = view.render(step, 'en', 0);
    const titles = buttons(a).map((b) => b.title);
    assert.equal(titles.length, view.pageSize() + 1);
    assert.equal(titles.at(-1), 'More options');
    assert.doesNotMatch(texts(a), /\b1\. /);
  });

  it('when the second page is shown, then it holds the remaining slots', () => {
    const titles = buttons(view.render(step, 'en', 1)).map((b) => b.title);
    assert.equal(titles.length, 10 - view.pageSize() + 1);
  });

  it('when a slot starts at 14:00 UTC, then chat shows 8:00 AM Chicago time, not UTC', () => {
    const first = buttons(view.render(step, 'en', 0))[0].title;
    assert.equal(first, 'Tue, Dec 1, 8:00 AM CST');
  });

  it('when the list is shown in Spanish, then the More options button is in Spanish', () => {
    assert.equal(buttons(view.render(step, 'es', 0)).at(-1)?.title, 'Más opciones');
  });
});
