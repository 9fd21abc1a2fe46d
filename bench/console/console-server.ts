/**
 * One web process for `npm run bench:console`: the whole app on port 0 with REDIS_URL (shared
 * Direct Line store, bot state, lock and event port under one key prefix), the store in memory.
 * Prints {"url": ...} when listening. Two processes cannot share an in-memory store, so the
 * benchmark copies each escalation (and its interaction) from the customer's process to the CSR's
 * over stdin (one JSON command a line, one JSON answer a line): {"op":"escalation",
 * "conversationId"} answers {"escalation", "interaction"}; {"op":"adopt", "escalation",
 * "interaction"} stores them here and answers {"ok": true}.
 * With MONGODB_URI both processes would simply read the same database.
 */
import readline from 'node:readline';
import { loadConfig } from '../../src/config/config';
import type { Escalation } from '../../src/domain/escalation/escalation';
import type { Interaction } from '../../src/domain/interactions/interaction';
import { startServer } from '../../src/server';

async function main(): Promise<void> {
  const prefix = process.env.BENCH_REDIS_PREFIX ?? 'bench:console:';
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix, DEMO_DATA: 'true' });
  const running = await startServer(config, { overrides: { inMemory: true, watchFiles: false, workerInProcess: false } });
  const { stores } = running.runtime;
  const answer = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  answer({ url: running.url });
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    void (async () => {
      const cmd = JSON.parse(line) as { op: 'escalation'; conversationId: string } | { op: 'adopt'; escalation: Escalation; interaction: Interaction };
      if (cmd.op === 'escalation') {
        const [escalation] = await stores.escalations.find({ channelRef: cmd.conversationId });
        answer({ escalation: escalation ?? null, interaction: escalation ? await stores.interactions.get(escalation.interactionId) : null });
      } else {
        const { version: _v1, ...interaction } = cmd.interaction;
        const { version: _v2, ...escalation } = cmd.escalation;
        await stores.interactions.insert(interaction);
        await stores.escalations.insert(escalation);
        answer({ ok: true });
      }
    })().catch((err: unknown) => answer({ error: String(err) }));
  });
  process.on('SIGTERM', () => {
    void running.stop(1000).then(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
