/**
 * The chat bot: one root dialog over ConversationState (on the injected botbuilder Storage).
 * Both ways in (our Direct Line adapter and CloudAdapter on /api/messages) call `run`.
 */
import { ConversationState, type Storage, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Care } from '../../../domain/care';
import { systemClock, type Clock } from '../../../domain/shared/ports';
import type { Logger } from '../../../shared/logger';
import type { ChatDialogs } from '../dialogs-data/load-chat-dialogs';
import { StepView } from '../render/step-view';
import { Wording } from '../render/wording';
import type { HandoffRelay } from '../handoff/handoff-relay';
import { CareChatDialog, ROOT_DIALOG } from './care-chat-dialog';
import { TranscriptQueue } from './transcript-queue';
import { Understanding } from './understanding';
import type { CatalogText } from '../../../domain/catalog/catalog-text';
import type { LanguageUnderstanding } from '../../../domain/understanding/language-understanding';
import type { BotDeps, ChatSession } from './session';

export interface CareBotOptions {
  care: Care;
  dialogs: ChatDialogs;
  storage: Storage;
  relay: HandoffRelay;
  logger: Pick<Logger, 'warn' | 'error' | 'debug'>;
  /** From the IVR flow settings (gather.retries): both channels offer a person after as many misses. */
  missesBeforeAgent: number;
  /** The domain's clock (default: the system's). */
  clock?: Clock;
  /** Intents and step answers in free text (built by the composition root; trained once per process). */
  language: LanguageUnderstanding;
  /** The operator's time zone (the IVR flow's settings.timeZone). */
  timeZone: string;
  /** Catalog content in the customer's language. */
  catalogText?: CatalogText;
}

export class CareBot {
  readonly conversationState: ConversationState;
  readonly root: CareChatDialog;
  readonly deps: BotDeps;
  private readonly dialogSet: DialogSet;

  constructor(opts: CareBotOptions) {
    this.conversationState = new ConversationState(opts.storage);
    const wording = new Wording(opts.dialogs, opts.timeZone);
    this.deps = {
      care: opts.care,
      wording,
      view: new StepView(opts.dialogs, wording, opts.catalogText),
      understanding: new Understanding(opts.dialogs.intents),
      language: opts.language,
      timeZone: opts.timeZone,
      now: () => (opts.clock ?? systemClock).now(),
      ...(opts.catalogText ? { catalogText: opts.catalogText } : {}),
      session: this.conversationState.createProperty<ChatSession>('session'),
      transcripts: new TranscriptQueue(opts.care, opts.logger),
      relay: opts.relay,
      logger: opts.logger,
      missesBeforeAgent: opts.missesBeforeAgent,
      clock: opts.clock ?? systemClock,
    };
    this.root = new CareChatDialog(this.deps);
    this.dialogSet = new DialogSet(this.conversationState.createProperty<DialogState>('DialogState'));
    this.dialogSet.add(this.root);
  }

  /** One turn: continue the root dialog (or begin it), then save state with its eTag. */
  async run(context: TurnContext): Promise<void> {
    if (!context.activity.conversation?.id) return;
    try {
      const dc = await this.dialogSet.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
    } catch (err) {
      this.deps.logger.error({ err, conversationId: context.activity.conversation.id }, 'chat turn failed');
      await context.sendActivity(this.deps.wording.msg('error.unexpected', 'en')).catch(() => undefined);
    }
    try {
      await this.conversationState.saveChanges(context, false);
    } finally {
      this.deps.transcripts.commit();
    }
  }

  flushTranscripts(): Promise<void> {
    return this.deps.transcripts.flush();
  }
}
