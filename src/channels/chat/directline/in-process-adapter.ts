/**
 * The bot behind our Direct Line endpoint runs in this process: this BotAdapter feeds each
 * posted activity straight to the bot logic and appends the bot's replies to the conversation's
 * activity log (which wakes the stream). No HTTP round trip, no serviceUrl, no connector client.
 */
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface OutboundSink {
  /** Stores a bot activity in its conversation and returns its id. */
  appendFromBot(conversationId: string, activity: Partial<Activity>): Promise<string>;
}

export class InProcessAdapter extends BotAdapter {
  constructor(private readonly sink: OutboundSink) {
    super();
  }

  /** Runs one turn for an inbound activity; `turnState` carries server-side facts (the token's binding). */
  async processActivity(activity: Partial<Activity>, logic: TurnLogic, turnState: Record<symbol, unknown> = {}): Promise<void> {
    const context = new TurnContext(this, activity);
    for (const key of Object.getOwnPropertySymbols(turnState)) context.turnState.set(key, turnState[key]);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) throw new Error('activity without conversation');
    for (const a of activities) {
      if (a.type === 'delay' || a.type === 'invokeResponse' || a.type === 'trace') {
        out.push({ id: '' });
        continue;
      }
      out.push({ id: await this.sink.appendFromBot(conversationId, a) });
    }
    return out;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('updateActivity is not supported on this Direct Line endpoint');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('deleteActivity is not supported on this Direct Line endpoint');
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    await this.processActivity(activity, logic);
  }
}
