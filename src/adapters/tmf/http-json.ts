/**
 * One small HTTP client for calls to partners (listener notifications, TMF clients): a timeout
 * on the whole exchange, a bounded response, and in production a connect-time address check
 * (publicOnlyLookup). Any status outside 2xx is an HttpCallError carrying the status.
 */
import http from 'node:http';
import https from 'node:https';
import { publicOnlyLookup, parseOutboundUrl, type UrlPolicy } from './safe-url';

export interface HttpCall {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export class HttpCallError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'HttpCallError';
  }
}

const MAX_RESPONSE_BYTES = 1024 * 1024;

export function httpCall(call: HttpCall, policy: UrlPolicy): Promise<HttpAnswer> {
  const url = parseOutboundUrl(call.url, policy);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: call.method,
        headers: { accept: 'application/json', ...(call.body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(call.body)) } : {}), ...call.headers },
        ...(policy.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
        timeout: call.timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new HttpCallError('response too large'));
          else chunks.push(c);
        });
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status > 299) return reject(new HttpCallError(`${call.method} ${url.origin}${url.pathname} answered ${status}`, status));
          resolve({ status, headers: res.headers, text });
        });
        res.on('error', reject);
      },
    );
    // The socket timeout covers idle time; this one covers the whole exchange.
    const timer = setTimeout(() => req.destroy(new HttpCallError(`${call.method} ${url.origin}${url.pathname} timed out after ${call.timeoutMs} ms`)), call.timeoutMs);
    req.on('timeout', () => req.destroy(new HttpCallError(`${call.method} ${url.origin}${url.pathname} timed out after ${call.timeoutMs} ms`)));
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e instanceof HttpCallError ? e : new HttpCallError(`${call.method} ${url.origin}${url.pathname} failed: ${(e as Error).message}`));
    });
    if (call.body !== undefined) req.write(call.body);
    req.end();
  });
}
