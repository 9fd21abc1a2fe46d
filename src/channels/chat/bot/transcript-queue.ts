/**
 * Every message both ways goes into the interaction's transcript, off the reply's path: writes
 * queue per interaction (in order) and run after the turn; an escalation flushes first so the
 * context pack holds the whole conversation.
 */
import type { Care } from '../../../domain/care';
import type { TranscriptEntry } from '../../../domain/interactions/interaction';
import type { Logger } from '../../../shared/logger';

export class TranscriptQueue {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly care: Care,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  record(interactionId: string, entry: Omit<TranscriptEntry, 'at'>): void {
    if (!entry.text.trim()) return;
    const prev = this.tails.get(interactionId) ?? Promise.resolve();
    const next = prev
      .then(() => this.care.interactions.transcript(interactionId, { ...entry, text: entry.text.slice(0, 2000) }))
      .catch((err: unknown) => this.logger.warn({ err, interactionId }, 'chat transcript write failed'));
    this.tails.set(interactionId, next);
    void next.then(() => {
      if (this.tails.get(interactionId) === next) this.tails.delete(interactionId);
    });
  }

  async flush(interactionId?: string): Promise<void> {
    if (interactionId) return this.tails.get(interactionId);
    await Promise.all([...this.tails.values()]);
  }
}
