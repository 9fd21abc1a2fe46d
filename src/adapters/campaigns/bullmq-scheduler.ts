/**
 * The dialer's scheduler on Redis (REDIS_URL set): a BullMQ queue of delayed "turn" jobs, one
 * worker per process. Jobs survive restarts and any process may run a campaign's turn; the
 * domain's pacing (a versioned write on the campaign) keeps duplicate turns harmless. Job ids
 * bucket the due time, so turns asked for the same moment collapse into one.
 */
import { Queue, Worker } from 'bullmq';
import IORedis from 'ioredis';
import type { DialScheduler } from '../../domain/campaigns/ports';

export interface BullmqSchedulerOptions {
  redisUrl: string;
  /** BullMQ's key prefix (BullMQ does not use ioredis keyPrefix), e.g. "telecare:bull". */
  prefix: string;
  queueName?: string;
  concurrency?: number;
  onError?: (err: Error) => void;
}

const BUCKET_MS = 250;

export function createBullmqScheduler(o: BullmqSchedulerOptions): DialScheduler {
  const name = o.queueName ?? 'campaign-dialer';
  const connect = () => {
    const c = new IORedis(o.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
    c.on('error', (err: Error) => o.onError?.(err));
    return c;
  };
  const queueConnection = connect();
  const queue = new Queue(name, { connection: queueConnection, prefix: o.prefix });
  queue.on('error', (err) => o.onError?.(err));
  let worker: Worker | undefined;
  let workerConnection: IORedis | undefined;
  /** The bucket of the turn running now, per campaign: a turn rescheduling itself must not reuse its own id. */
  const running = new Map<string, number>();

  return {
    async schedule(campaignId, delayMs) {
      const delay = Math.max(0, Math.ceil(delayMs));
      let bucket = Math.ceil((Date.now() + delay) / BUCKET_MS);
      if (running.get(campaignId) === bucket) bucket += 1;
      await queue.add('turn', { campaignId, bucket }, { delay, jobId: `turn-${campaignId}-${bucket}`, removeOnComplete: true, removeOnFail: 100 });
    },
    async start(turn) {
      workerConnection = connect();
      worker = new Worker(
        name,
        async (job) => {
          const { campaignId, bucket } = job.data as { campaignId: string; bucket: number };
          running.set(campaignId, bucket);
          try {
            await turn(campaignId);
          } finally {
            if (running.get(campaignId) === bucket) running.delete(campaignId);
          }
        },
        { connection: workerConnection, prefix: o.prefix, concurrency: o.concurrency ?? 4 },
      );
      worker.on('error', (err) => o.onError?.(err));
      await worker.waitUntilReady();
    },
    async close() {
      await worker?.close();
      await queue.close();
      await Promise.all([queueConnection, workerConnection].map((c) => c?.quit().catch(() => c.disconnect())));
    },
  };
}
