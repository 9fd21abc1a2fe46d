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

export async function streamQueueEvents(req: Request, res: Response, deps: { desk: StaffDesk; events: EventPort; streams: QueueStreams }, session: StaffSession): Promise<void> {
  const { staff, ref } = session;
  // Listen first, so nothing published while the snapshot is read is missed (at worst seen twice).
  const buffered: string[] = [];
  let open = false;
  const write = (chunk: string) => (open ? void res.write(chunk) : void buffered.push(chunk));
  const unsubscribe = deps.events.subscribe((event) => {
    if (deps.desk.concerns(staff, event)) write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => {
    deps.desk.sessions.authenticate(staff.id, ref).then(() => write(': keep-alive\n\n'), end);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const forget = deps.streams.add(ref, () => end());
  function stop(): void {
    clearInterval(heartbeat);
    unsubscribe();
    forget();
  }
  function end(): void {
    stop();
    res.end();
  }
  req.on('close', stop);
  try {
    const items = await deps.desk.queue(staff);
    if (res.writableEnded) return; // signed out meanwhile
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(`retry: 3000\nevent: queue\ndata: ${JSON.stringify({ items })}\n\n`);
    open = true;
    for (const chunk of buffered.splice(0)) res.write(chunk);
  } catch (e) {
    stop();
    throw e;
  }
}
