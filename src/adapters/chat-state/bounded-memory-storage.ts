/**
 * botbuilder's MemoryStorage with a memory bound (REDIS_URL unset): the bot's state of every
 * conversation ever seen would otherwise stay for the life of the process (its delete even
 * leaves the key behind). Past `maxBytes`, the states written longest ago are dropped: only a
 * flood gets there, and then a forgotten conversation starts over rather than the process dying.
 */
import { MemoryStorage, type StoreItems } from 'botbuilder';

export class BoundedMemoryStorage extends MemoryStorage {
  /** Keys in order of last write, with the size of what each holds. */
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly store: Record<string, string | undefined> = {},
  ) {
    super(store as Record<string, string>);
  }

  get stats(): { keys: number; bytes: number } {
    return { keys: this.sizes.size, bytes: this.bytes };
  }

  override async write(changes: StoreItems): Promise<void> {
    try {
      await super.write(changes);
    } finally {
      // Also after an eTag conflict: the items before it were written.
      for (const key of Object.keys(changes)) this.track(key);
      for (const [key] of this.sizes) {
        if (this.bytes <= this.maxBytes) break;
        this.forget(key, true);
      }
    }
  }

  private track(key: string): void {
    this.forget(key, false);
    const held = this.store[key];
    if (held === undefined) return;
    const size = key.length + held.length;
    this.sizes.set(key, size);
    this.bytes += size;
  }

  override async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.forget(key, true);
  }

  private forget(key: string, drop: boolean): void {
    const size = this.sizes.get(key);
    if (size !== undefined) {
      this.sizes.delete(key);
      this.bytes -= size;
    }
    if (drop) delete this.store[key];
  }
}
