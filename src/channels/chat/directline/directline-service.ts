/**
 * The Direct Line 3.0 conversation engine, independent of HTTP: starts conversations, accepts
 * posted activities (acknowledged at once, deduplicated by clientActivityID), runs the bot turn
 * behind a per-conversation lock, and fans new activities out to live stream subscribers.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { InProcessAdapter, type TurnLogic } from './in-process-adapter';
import { activityId, withId, type ConversationLock, type DirectLineStore, type StoredActivity } from './ports';
import type { IncomingActivity } from './activity-schema';
import type { DirectLineClaims } from './tokens';
import { HANDOFF_RELAYED } from '../handoff/handoff-relay';
import type { EventPort } from '../../../domain/events/care-events';

export const BOT_ACCOUNT = { id: 'telecare-bot', name: 'Telecare', role: 'bot' } as const;
export const CHANNEL_ID = 'directline';
/** turnState key: the token's actor binding (a portal-verified customer), set server-side only. */
export const TOKEN_BINDING = Symbol('telecare.chat.tokenBinding');
/** turnState key: the posting client's address (req.ip), for per-source verification limits. */
export const CLIENT_SOURCE = Symbol('telecare.chat.clientSource');

/** What an open stream keeps of the token it was opened with. */
export type StreamGrant = Pick<DirectLineClaims, 'exp' | 'act' | 'ps'>;

/**
 * Gets each new activity as JSON (with its id) and its position; the JSON is null when the
 * activity was appended by another process (read it from the store).
 */
export type Subscriber = (activityJson: string | null, seq: number) => void;

export interface ServiceLogger {
  error(obj: object, msg?: string): void;
}

export interface DirectLineServiceDeps {
  store: DirectLineStore;
  lock: ConversationLock;
  logic: TurnLogic;
  logger: ServiceLogger;
  ticketTtlMs?: number;
  /** Called when a turn throws, to tell the customer something (the bot usually handles it). */
  onTurnError?: (conversationId: string, err: unknown) => Promise<void>;
  /**
   * The event port: each appended activity is announced (\`chat.activity\` with its position, no
   * text), and announcements from other processes reach this process's streams at once.
   */
  events?: EventPort;
  /** Epoch ms, the clock customers are seen by (the tokens'). Default: Date.now. */
  now?: () => number;
}

/** What of a client's channelData is kept with its activity: Web Chat's echo id and clock, nothing more (the rest would only fill the log). */
function keptChannelData(cd: NonNullable<IncomingActivity['channelData']>): Record<string, string> {
  const kept: Record<string, string> = {};
  if (cd.clientActivityID !== undefined) kept.clientActivityID = cd.clientActivityID;
  if (cd.clientTimestamp !== undefined) kept.clientTimestamp = cd.clientTimestamp;
  return kept;
}

export class DirectLineService {
  readonly adapter: InProcessAdapter;
  private readonly subscribers = new Map<string, Set<Subscriber>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly known = new Map<string, number>();
  private readonly unlisten: () => void;

  constructor(private readonly deps: DirectLineServiceDeps) {
    this.adapter = new InProcessAdapter({ appendFromBot: (id, a) => this.appendFromBot(id, a) });
    // Our own announcements come back too: a stream skips positions it has already sent.
    this.unlisten = deps.events?.subscribe((e) => {
      if (e.type === 'chat.activity' && e.seq !== undefined && this.subscribers.has(e.conversationId)) this.notify(e.conversationId, null, e.seq);
    }) ?? (() => undefined);
  }

  /** Stops hearing other processes' activities. */
  close(): void {
    this.unlisten();
  }

  /** Creates the conversation the token is bound to (idempotent); a new one gets the bot's greeting turn. */
  async start(claims: DirectLineClaims): Promise<{ created: boolean }> {
    const created = await this.deps.store.createConversation({ id: claims.conv, userId: claims.user, createdAt: new Date().toISOString() });
    if (created) {
      this.schedule(claims, {
        type: 'conversationUpdate',
        membersAdded: [{ id: claims.user, name: '', role: 'user' }],
        ...this.envelope(claims),
      } as Partial<Activity>);
    }
    return { created };
  }

  /** A token for the conversation is out until `expSec` (its `exp`): the customer can come back until then. */
  async handedOut(conversationId: string, expSec: number): Promise<void> {
    await this.deps.store.recordReach(conversationId, expSec * 1000);
  }

  /** The customers of these conversations are there now (a stream socket open or closing, a poll, a post): shared by every process. */
  async seen(conversationIds: readonly string[]): Promise<void> {
    await this.deps.store.markSeen(conversationIds, (this.deps.now ?? Date.now)());
  }

  /** Known-live conversations are remembered briefly; appends re-check existence atomically anyway. */
  async exists(conversationId: string): Promise<boolean> {
    const until = this.known.get(conversationId);
    if (until && until > Date.now()) return true;
    const found = (await this.deps.store.getConversation(conversationId)) !== null;
    if (found) {
      if (this.known.size > 50_000) this.known.clear();
      this.known.set(conversationId, Date.now() + 30_000);
    } else this.known.delete(conversationId);
    return found;
  }

  /** Stores the customer's activity (the echo Web Chat waits for) and queues the turn; returns its id. */
  async post(claims: DirectLineClaims, incoming: IncomingActivity, source?: string): Promise<{ id: string; duplicate: boolean }> {
    if (incoming.type === 'typing') return { id: `${claims.conv}|typing-${randomBytes(4).toString('hex')}`, duplicate: false };
    const stored: StoredActivity = {
      type: incoming.type,
      ...(incoming.text !== undefined ? { text: incoming.text } : {}),
      ...(incoming.value !== undefined ? { value: incoming.value } : {}),
      ...(incoming.name !== undefined ? { name: incoming.name } : {}),
      ...(incoming.locale ? { locale: incoming.locale } : {}),
      ...(incoming.channelData ? { channelData: keptChannelData(incoming.channelData) } : {}),
      ...(incoming.textFormat ? { textFormat: incoming.textFormat } : {}),
      ...(incoming.attachments?.length ? { attachments: incoming.attachments.map((a) => ({ contentType: a.contentType ?? 'application/octet-stream', ...(a.name ? { name: a.name } : {}) })) } : {}),
      ...this.envelope(claims),
      from: { id: claims.user, role: 'user', ...(incoming.from?.name ? { name: incoming.from.name } : {}) },
      recipient: { ...BOT_ACCOUNT },
      timestamp: new Date().toISOString(),
    };
    const dedupe = incoming.channelData?.clientActivityID;
    const json = JSON.stringify(stored);
    const { seq, duplicate } = await this.deps.store.append(claims.conv, json, dedupe);
    const id = activityId(claims.conv, seq);
    if (!duplicate) {
      this.notify(claims.conv, withId(json, id), seq);
      this.announce(claims.conv, seq, 'customer');
      this.schedule(claims, { ...stored, id } as unknown as Partial<Activity>, source);
    }
    return { id, duplicate };
  }

  async activitiesAfter(conversationId: string, watermark: number, limit = 500) {
    return this.deps.store.activitiesAfter(conversationId, watermark, limit);
  }

  /** A single-use stream ticket; it carries what the stream needs of the token (expiry, portal session). */
  async issueTicket(conversationId: string, grant?: StreamGrant): Promise<string> {
    const ticket = randomBytes(18).toString('base64url');
    const value = grant ? `${conversationId}\n${JSON.stringify({ exp: grant.exp, act: grant.act, ps: grant.ps })}` : conversationId;
    await this.deps.store.issueTicket(ticket, value, this.deps.ticketTtlMs ?? 60_000);
    return ticket;
  }

  async redeemTicket(ticket: string): Promise<{ conversationId: string; grant?: StreamGrant } | null> {
    const value = await this.deps.store.redeemTicket(ticket);
    if (value === null) return null;
    const cut = value.indexOf('\n');
    if (cut < 0) return { conversationId: value };
    return { conversationId: value.slice(0, cut), grant: JSON.parse(value.slice(cut + 1)) as StreamGrant };
  }

  subscribe(conversationId: string, fn: Subscriber): () => void {
    let set = this.subscribers.get(conversationId);
    if (!set) this.subscribers.set(conversationId, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.subscribers.delete(conversationId);
    };
  }

  /** Runs a server-side event through the bot (handoff relay, proactive notices), in turn order. */
  async inject(conversationId: string, event: { name: string; value?: unknown }): Promise<void> {
    const conv = await this.deps.store.getConversation(conversationId);
    if (!conv) throw new Error(`unknown conversation ${conversationId}`);
    const claims = { conv: conv.id, user: conv.userId } as DirectLineClaims;
    await this.deps.lock.run(conversationId, () =>
      this.adapter.processActivity({ type: 'event', name: event.name, value: event.value, ...this.envelope(claims), from: { id: 'system', name: 'system', role: 'bot' } }, this.deps.logic, { [HANDOFF_RELAYED]: true }),
    );
  }

  /** Waits for turns in flight (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async appendFromBot(conversationId: string, activity: Partial<Activity>): Promise<string> {
    const stored: StoredActivity = {
      ...(activity as unknown as StoredActivity),
      type: activity.type ?? 'message',
      channelId: CHANNEL_ID,
      conversation: { id: conversationId } as Activity['conversation'],
      from: { ...BOT_ACCOUNT },
      timestamp: new Date().toISOString(),
    };
    delete stored.serviceUrl;
    const json = JSON.stringify(stored);
    const { seq } = await this.deps.store.append(conversationId, json);
    const id = activityId(conversationId, seq);
    this.notify(conversationId, withId(json, id), seq);
    this.announce(conversationId, seq, (stored.channelData as { csr?: unknown } | undefined)?.csr ? 'csr' : 'bot');
    return id;
  }

  /** Tells other processes (never awaited: the port does not throw, and the reply must not wait). */
  private announce(conversationId: string, seq: number, from: 'customer' | 'bot' | 'csr'): void {
    void this.deps.events?.publish({ type: 'chat.activity', at: new Date().toISOString(), conversationId, from, seq });
  }

  private notify(conversationId: string, activityJson: string | null, seq: number): void {
    const set = this.subscribers.get(conversationId);
    if (set) for (const fn of set) fn(activityJson, seq);
  }

  private schedule(claims: DirectLineClaims, activity: Partial<Activity>, source?: string): void {
    const turnState: Record<symbol, unknown> = claims.act ? { [TOKEN_BINDING]: claims.act } : {};
    if (source) turnState[CLIENT_SOURCE] = source;
    const run = this.deps.lock
      .run(claims.conv, () => this.adapter.processActivity(activity, this.deps.logic, turnState))
      .catch(async (err: unknown) => {
        this.deps.logger.error({ err, conversationId: claims.conv }, 'chat turn failed');
        await this.deps.onTurnError?.(claims.conv, err).catch(() => undefined);
      });
    const tracked = run.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private envelope(claims: Pick<DirectLineClaims, 'conv' | 'user'>) {
    return {
      channelId: CHANNEL_ID,
      conversation: { id: claims.conv } as Activity['conversation'],
      serviceUrl: 'urn:telecare:directline',
      recipient: { ...BOT_ACCOUNT },
      from: { id: claims.user, name: '', role: 'user' },
    };
  }
}
