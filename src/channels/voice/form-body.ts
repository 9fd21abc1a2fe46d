/**
 * Twilio posts application/x-www-form-urlencoded. The voice routes read the body themselves
 * (small, bounded, node's querystring) unless an app-wide parser already did.
 */
import querystring from 'node:querystring';
import type { Request } from 'express';
import type { FormParams } from './twilio-signature';

const LIMIT = 32 * 1024;

export class BodyError extends Error {}

export function readForm(req: Request): Promise<FormParams> {
  const parsed: unknown = req.body;
  if (parsed && typeof parsed === 'object') return Promise.resolve(parsed as FormParams);
  const type = req.headers['content-type'] ?? '';
  if (req.method !== 'POST' || !type.startsWith('application/x-www-form-urlencoded')) return Promise.resolve({});
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT) {
        reject(new BodyError('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      const text = chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8');
      resolve(querystring.parse(text) as FormParams);
    });
    req.on('error', reject);
  });
}
