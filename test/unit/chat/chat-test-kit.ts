/**
 * Dialog tests as tables of turns: each row is what the customer does and what the bot must
 * say (substrings or patterns, in order). "tap:<label>" presses the button whose title contains
 * <label> in the bot's last replies (a messageBack with its value, as Web Chat sends it).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { MemoryStorage, type Activity, type CardAction, type Middleware } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import { makeCare, type CareFixture } from '../../support/care-fixture';
import { CareBot } from '../../../src/channels/chat/bot/care-bot';
import { loadChatDialogs } from '../../../src/channels/chat/dialogs-data/load-chat-dialogs';
import { HandoffRelay } from '../../../src/channels/chat/handoff/handoff-relay';
import { loadFlows } from '../../../src/channels/voice/flows/load-flows';
import { NlpUnderstanding } from '../../../src/adapters/understanding/nlp-understanding';
import { createCatalogText } from '../../../src/domain/catalog/catalog-text';
import { loadCatalogTexts, loadDiagnosisTexts, loadRuleTexts } from '../../../src/adapters/files/catalog-text-file';
import { loadCatalogFile } from '../../../src/adapters/files/catalog-file';

export const DIALOGS = loadChatDialogs(path.resolve(__dirname, '../../../chat-dialogs'));
/** As bootstrap wires it: the IVR flow's retries. */
const FLOWS = loadFlows(path.resolve(__dirname, '../../../ivr-flows'));
export const MISSES_BEFORE_AGENT = FLOWS.settings.gather.retries;
/** As bootstrap wires it: the classifier trained from chat-dialogs (once per process), dates in the flow's time zone. */
export const LANGUAGE = new NlpUnderstanding(path.resolve(__dirname, '../../../chat-dialogs'));
export const TIME_ZONE = FLOWS.settings.timeZone;
const CATALOG_FILE = path.resolve(__dirname, '../../../catalog/catalog.json');
/** As bootstrap wires it: catalog content in the customer's language. */
const SHIPPED_CATALOG = loadCatalogFile(CATALOG_FILE);
export const CATALOG_TEXT = createCatalogText(() => SHIPPED_CATALOG, loadDiagnosisTexts(path.resolve(__dirname, '../../../rules')), loadCatalogTexts(CATALOG_FILE, ['en', 'es']), loadRuleTexts(path.resolve(__dirname, '../../../rules')));
export type Expect = string | RegExp;
export type Row = [input: string | Partial<Activity>, expect: Expect[]];

export interface Kit {
  fixture: CareFixture;
  bot: CareBot;
  relay: HandoffRelay;
  client: DialogTestClient;
  last: Partial<Activity>[];
  /** Every reply of the whole conversation, summarised. */
  said: string[];
}

export async function makeKit(opts: { fixture?: CareFixture; middleware?: Middleware[] } = {}): Promise<Kit> {
  const fixture = opts.fixture ?? (await makeCare());
  const relay = new HandoffRelay();
  const quiet = { warn: () => undefined, error: () => undefined, debug: () => undefined };
  const bot = new CareBot({ care: fixture.care, dialogs: DIALOGS, storage: new MemoryStorage(), relay, logger: quiet, missesBeforeAgent: MISSES_BEFORE_AGENT, language: LANGUAGE, timeZone: TIME_ZONE, clock: fixture.clock, catalogText: CATALOG_TEXT });
  const client = new DialogTestClient('test', bot.root, undefined, opts.middleware ?? [], bot.conversationState);
  return { fixture, bot, relay, client, last: [], said: [] };
}

const buttonsOf = (a: Partial<Activity>): CardAction[] => [
  ...(a.suggestedActions?.actions ?? []),
  ...(a.attachments ?? []).flatMap((x) => ((x.content as { buttons?: CardAction[] } | undefined)?.buttons ?? [])),
];

/** Text, card facts and button titles of a reply, on one line. */
export function summary(a: Partial<Activity>): string {
  const parts = [a.text ?? ''];
  for (const att of a.attachments ?? []) {
    const c = att.content as { title?: string; text?: string; facts?: { key: string; value: string }[] } | undefined;
    if (c?.title) parts.push(`<${c.title}>`);
    if (c?.text) parts.push(c.text);
    for (const f of c?.facts ?? []) parts.push(`${f.key}: ${f.value}`);
  }
  const buttons = buttonsOf(a).map((b) => `[${b.title}]`);
  if (buttons.length) parts.push(buttons.join(' '));
  return parts.filter(Boolean).join(' | ');
}

export async function send(kit: Kit, input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
  let activity: Partial<Activity>;
  if (typeof input === 'string' && input.startsWith('tap:')) {
    const label = input.slice(4).toLowerCase();
    const b = kit.last.flatMap(buttonsOf).find((x) => String(x.title).toLowerCase().includes(label));
    assert.ok(b, `no button containing "${label}" in: ${kit.last.map(summary).join(' || ')}`);
    activity = { type: 'message', text: String(b.title), value: b.value };
  } else {
    activity = typeof input === 'string' ? { type: 'message', text: input } : input;
  }
  const replies: Partial<Activity>[] = [];
  let r = (await kit.client.sendActivity(activity)) as Partial<Activity> | undefined;
  while (r) {
    if (r.type === 'message') replies.push(r);
    r = kit.client.getNextReply() as Partial<Activity> | undefined;
  }
  await kit.bot.flushTranscripts();
  kit.last = replies;
  kit.said.push(...replies.map(summary));
  return replies;
}

/** Plays the rows; each expectation must match a reply, in reply order (several may match one reply). */
export async function play(kit: Kit, rows: Row[]): Promise<void> {
  for (const [input, expects] of rows) {
    const replies = (await send(kit, input)).map(summary);
    let at = 0;
    for (const e of expects) {
      const found = replies.findIndex((r, i) => i >= at && (typeof e === 'string' ? r.toLowerCase().includes(e.toLowerCase()) : e.test(r)));
      assert.ok(found >= 0, `after ${JSON.stringify(input)} expected ${String(e)} in:\n  ${replies.join('\n  ')}`);
      at = found;
    }
  }
}
