/**
 * Every message both ways goes into the interaction's transcript, off the reply's path: a turn's
 * entries are buffered per interaction and written in one batch when the turn ends (`commit`),
 * in order; what arrives while a write is under way goes in the next one. An escalation flushes
 * first so the context pack holds the whole conversation.
 */
import type { Care } from '../../../domain/care';
import type { TranscriptEntry } from '../../../domain/interactions/interaction';
import type { Logger } from '../../../shared/logger';

type Entry = Omit<TranscriptEntry, 'at'>;

interface Pending {
  /** Entries not yet handed to a write. */
  buffer: Entry[];
  /** The write loop, while one runs; it ends when the buffer is empty. */
  running?: Promise<void>;
}

export class TranscriptQueue {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly care: Care,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  /** Buffers an entry; nothing is written before `commit` or `flush`. */
  record(interactionId: string, entry: Entry): void {
    if (!entry.text.trim()) return;
    const item = { ...entry, text: entry.text.slice(0, 2000) };
    const p = this.pending.get(interactionId);
    if (p) p.buffer.push(item);
    else this.pending.set(interactionId, { buffer: [item] });
  }

  /** Starts writing every buffered entry (the end of a turn); does not wait. */
  commit(): void {
    for (const [id, p] of this.pending) if (!p.running) this.start(id, p);
  }

  /** Writes what is buffered (for one interaction, or all) and waits until it is stored. */
  async flush(interactionId?: string): Promise<void> {
    if (interactionId) {
      const p = this.pending.get(interactionId);
      if (!p) return;
      return p.running ?? this.start(interactionId, p);
    }
    this.commit();
    await Promise.all([...this.pending.values()].map((p) => p.running));
  }

  private start(interactionId: string, p: Pending): Promise<void> {
    p.running = this.drain(interactionId, p);
    return p.running;
  }

  private async drain(interactionId: string, p: Pending): Promise<void> {
    while (p.buffer.length > 0) {
      const batch = p.buffer.splice(0, p.buffer.length);
      try {
        await this.care.interactions.transcript(interactionId, batch);
      } catch (err) {
        this.logger.warn({ err, interactionId, entries: batch.length }, 'chat transcript write failed');
      }
    }
    this.pending.delete(interactionId);
  }
}
