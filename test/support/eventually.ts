/**
 * Waits for a condition the test cannot be told about directly (a row written by another
 * process, a delivery by the outbox loop): checked at once, then every `everyMs`, failing with
 * `what` after `ms`. A wait on a condition, not a sleep: it returns as soon as the condition holds.
 */
export async function eventually<T>(condition: () => Promise<T | undefined | null | false>, what: string, ms = 5000, everyMs = 10): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
