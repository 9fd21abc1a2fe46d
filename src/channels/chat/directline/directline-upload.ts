/**
 * POST /conversations/:id/upload: where botframework-directlinejs sends a message with files
 * (multipart: the activity first, then one part per file). The bot cannot use files, but the
 * client must not hang on "Sending": the activity part is read, the files are discarded unread,
 * and the message is posted with only each file's type and name, so the bot can say so.
 */
import type { Request, Response } from 'express';
import { IncomingActivity } from './activity-schema';
import type { DirectLineService } from './directline-service';
import type { DirectLineClaims } from './tokens';

/** The activity part is small; files beyond this are counted, never kept. */
const HEAD_BYTES = 64 * 1024;
const MAX_UPLOAD_BYTES = 25 * 1024 * 1024;

type Fail = (res: Response, status: number, code: string, message: string) => unknown;

/** Reads up to HEAD_BYTES of the body and drains the rest; null when the body is too large. */
function readHead(req: Request): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_UPLOAD_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        return resolve(null);
      }
      if (kept < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - kept);
        chunks.push(part);
        kept += part.length;
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The JSON of the multipart part named "activity", if it is within the head. */
export function activityPart(head: Buffer, contentType: string | undefined): unknown {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return undefined;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  for (const part of head.toString('utf8').split(delimiter)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0 || !/name="?activity"?/i.test(part.slice(0, split))) continue;
    try {
      return JSON.parse(part.slice(split + 4).replace(/\r\n$/, ''));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export async function uploadActivity(svc: DirectLineService, claims: DirectLineClaims, req: Request, res: Response, fail: Fail): Promise<void> {
  const head = await readHead(req);
  if (!head) return void fail(res, 413, 'RequestTooLarge', 'uploads are limited to 25 MB');
  const parsed = IncomingActivity.safeParse(activityPart(head, req.get('content-type')));
  if (!parsed.success) return void fail(res, 400, 'BadArgument', 'the upload needs an "activity" part with a message');
  const { id } = await svc.post(claims, { ...parsed.data, type: 'message', attachments: parsed.data.attachments?.length ? parsed.data.attachments : [{ contentType: 'application/octet-stream' }] });
  res.json({ id });
}
