/**
 * GET /api/v1/staff/queue/events: the staff member's queue changes as Server-Sent Events, from
 * the event port (so a CSR on one process hears escalations queued on another). The stream
 * opens with the current queue (`event: queue`), then one event per change (`event:
 * escalation.queued` etc., data the event as JSON), and a comment every 25 s to keep proxies
 * from closing it. Signing out ends the session's streams here at once; elsewhere the next
 * heartbeat finds the session revoked and ends them.
 */
import type { Request, Response } from 'express';
import type { EventPort } from '../../domain/events/care-events';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { StaffSession } from './staff-auth';

const HEARTBEAT_MS = 25_000;

/** Open streams by session reference, so sign-out can end them. */
export class QueueStreams {
  private readonly open = new Map<string, Set<() => void>>();

  add(ref: string, end: () => void): () => void {
    let set = this.open.get(ref);
    if (!set) this.open.set(ref, (set = new Set()));
    set.add(end);
    return () => {
      set.delete(end);
      if (set.size === 0) this.open.delete(ref);
    };
  }

  endAll(ref: string): void {
    for (const end of [...(this.open.get(ref) ?? [])]) end();
  }

  count(): number {
    let n = 0;
    for (const set of this.open.values()) n += set.size;
    return n;
  }
}

export const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } as const;

/**
 * What every staff SSE stream shares: a keep-alive comment every 25 s while the session is still
 * live (`live` rejects once it is signed out or revoked), registration so sign-out ends it here,
 * and teardown (heartbeat, event subscription) when it ends or the client goes.
 */
export function staffStreamLifecycle(
  req: Request,
  res: Response,
  opts: { streams: QueueStreams; ref: string; live: () => Promise<unknown>; unsubscribe: () => void; write: (chunk: string) => void },
): { end(): void; stop(): void } {
  const heartbeat = setInterval(() => void opts.live().then(() => opts.write(': keep-alive\n\n'), end), HEARTBEAT_MS);
  heartbeat.unref();
  const forget = opts.streams.add(opts.ref, () => end());
  function stop(): void {
    clearInterval(heartbeat);
    opts.unsubscribe();
    forget();
  }
  function end(): void {
    stop();
    res.end();
  }
  req.on('close', stop);
  return { end, stop };
}

export async function streamQueueEvents(req: Request, res: Response, deps: { desk: StaffDesk; events: EventPort; streams: QueueStreams }, session: StaffSession): Promise<void> {
  const { staff, ref } = session;
  // Listen first, so nothing published while the snapshot is read is missed (at worst seen twice).
  const buffered: string[] = [];
  let open = false;
  const write = (chunk: string) => (open ? void res.write(chunk) : void buffered.push(chunk));
  const unsubscribe = deps.events.subscribe((event) => {
    if (deps.desk.concerns(staff, event)) write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const { stop } = staffStreamLifecycle(req, res, { streams: deps.streams, ref, live: () => deps.desk.sessions.authenticate(staff.id, ref), unsubscribe, write });
  try {
    const items = await deps.desk.queue(staff);
    if (res.writableEnded) return; // signed out meanwhile
    res.status(200).set(SSE_HEADERS);
    res.flushHeaders();
    res.write(`retry: 3000\nevent: queue\ndata: ${JSON.stringify({ items })}\n\n`);
    open = true;
    for (const chunk of buffered.splice(0)) res.write(chunk);
  } catch (e) {
    stop();
    throw e;
  }
}
