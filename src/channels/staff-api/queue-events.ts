/**
 * GET /api/v1/staff/queue/events: the staff member's queue changes as Server-Sent Events, from
 * the event port (so a CSR on one process hears escalations queued on another). The stream
 * opens with the current queue (`event: queue`), then one event per change (`event:
 * escalation.queued` etc., data the event as JSON), and a comment every 25 s to keep proxies
 * from closing it.
 */
import type { Request, Response } from 'express';
import type { EventPort } from '../../domain/events/care-events';
import type { StaffDesk } from '../../domain/staff/staff-desk';
import type { StaffView } from '../../domain/staff/staff';

const HEARTBEAT_MS = 25_000;

export async function streamQueueEvents(req: Request, res: Response, deps: { desk: StaffDesk; events: EventPort }, staff: StaffView): Promise<void> {
  // Listen first, so nothing published while the snapshot is read is missed (at worst seen twice).
  const buffered: string[] = [];
  let open = false;
  const write = (chunk: string) => (open ? void res.write(chunk) : void buffered.push(chunk));
  const unsubscribe = deps.events.subscribe((event) => {
    if (deps.desk.concerns(staff, event)) write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  });
  const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on('close', stop);
  try {
    const items = await deps.desk.queue(staff);
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
