/**
 * botframework-directlinejs in Node, unmodified: its ajax is rxjs 5's XMLHttpRequest wrapper and
 * its stream a browser WebSocket, so we pass a fetch-based ajax (same response/error shapes) and
 * the `ws` WebSocket (which has onopen/onmessage/onclose like the browser's).
 */
import { Observable } from 'rxjs/Observable';
import { WebSocket as WsWebSocket } from 'ws';
import { DirectLine, type Activity, type DirectLineOptions } from 'botframework-directlinejs';

interface AjaxRequestLike {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export function fetchAjax(req: AjaxRequestLike): Observable<unknown> {
  return new Observable((sub) => {
    const ctl = new AbortController();
    const headers = { ...(req.headers ?? {}) };
    const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    fetch(req.url, { method: req.method ?? 'GET', headers, body, signal: ctl.signal })
      .then(async (res) => {
        const text = await res.text();
        let response: unknown = text;
        try {
          response = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        const xhr = { getResponseHeader: (h: string) => res.headers.get(h) };
        if (res.status >= 400) sub.error({ status: res.status, response, xhr });
        else {
          sub.next({ status: res.status, response, xhr });
          sub.complete();
        }
      })
      .catch((err: Error) => sub.error({ status: 0, message: err.message, xhr: { getResponseHeader: () => null } }));
    return () => ctl.abort();
  });
}

export interface TestClient {
  dl: DirectLine;
  received: Activity[];
  waitFor(pred: (a: Activity) => boolean, what: string, timeoutMs?: number): Promise<Activity>;
  /** Posts and resolves with the id the server returned. */
  say(text: string, value?: unknown, clientActivityID?: string): Promise<string>;
  end(): void;
}

export function connect(opts: DirectLineOptions & { transport: 'websocket' | 'polling' }): TestClient {
  const g = globalThis as { WebSocket?: unknown };
  const hadGlobal = 'WebSocket' in g;
  if (opts.transport === 'websocket') g.WebSocket = WsWebSocket; // directlinejs checks the global to choose the stream
  const dl = new DirectLine({
    ...opts,
    webSocket: opts.transport === 'websocket',
    pollingInterval: 200,
    timeout: 5000,
    ...({ ajax: fetchAjax, WebSocket: WsWebSocket, random: () => 0 } as object),
  } as DirectLineOptions);
  const received: Activity[] = [];
  const waiters = new Set<() => void>();
  const sub = dl.activity$.subscribe((a) => {
    received.push(a);
    for (const w of waiters) w();
  });
  if (opts.transport === 'websocket' && !hadGlobal) setTimeout(() => delete g.WebSocket, 0);
  let seen = 0;
  return {
    dl,
    received,
    waitFor(pred, what, timeoutMs = 8000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = seen; i < received.length; i++) {
            if (pred(received[i])) {
              seen = i + 1;
              waiters.delete(check);
              clearTimeout(timer);
              resolve(received[i]);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${what}; got:\n  ${received.map((a) => `${a.from.role ?? a.from.id}: ${'text' in a ? a.text : a.type}`).join('\n  ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    say(text, value, clientActivityID) {
      return new Promise((resolve, reject) => {
        dl.postActivity({ type: 'message', from: { id: 'ignored-by-server' }, text, ...(value ? { value } : {}), ...(clientActivityID ? { channelData: { clientActivityID } } : {}) } as Activity).subscribe(
          (id) => (id === 'retry' ? reject(new Error('post answered retry')) : resolve(id)),
          (err: unknown) => reject(err),
        );
      });
    },
    end() {
      sub.unsubscribe();
      dl.end();
    },
  };
}
