/** The console's live queue stream: opens with the queue under the cookie session, carries changes, ends at sign-out. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { anonymous } from '../../../src/domain/shared/actor';
import { startApi, type Api } from '../api/api-harness';
import { BILLING_CSR, queueEscalation } from '../staff/staff-harness';
import { consoleSignIn } from './console-harness';

describe('CSR console: live queue events', () => {
  let api: Api;
  let server: http.Server;
  let base: string;
  beforeEach(async () => {
    api = await startApi();
    server = http.createServer(api.runtime.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  /** Opens the stream with `cookie`; resolves with the response and a reader of what arrived so far. */
  interface Stream { res: http.IncomingMessage; text: () => string; ended: Promise<void>; until(needle: string): Promise<void> }
  function open(cookie: string): Promise<Stream> {
    return new Promise((resolve, reject) => {
      http.get(`${base}/console/queue/events`, { headers: { Cookie: cookie, Accept: 'text/event-stream' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => void (text += chunk));
        const ended = new Promise<void>((done) => res.on('end', () => done()));
        // Resolves once `needle` has arrived (the test's timeout fails it otherwise).
        const until = (needle: string) => new Promise<void>((done) => {
          const check = () => (text.includes(needle) ? (res.off('data', check), done()) : undefined);
          res.on('data', check);
          check();
        });
        resolve({ res, text: () => text, ended, until });
      }).on('error', reject);
    });
  }

  it('when a signed-in CSR listens, then the queue and each new escalation arrive, and signing out ends the stream', async () => {
    const { agent, cookie, csrf } = await consoleSignIn(api, BILLING_CSR);
    const stream = await open(cookie.split(';')[0] as string);
    assert.equal(stream.res.statusCode, 200);
    assert.match(String(stream.res.headers['content-type']), /^text\/event-stream/);
    await stream.until('event: queue');

    const e = await queueEscalation(api, { actor: anonymous('chat'), reason: 'wants a person' });
    await stream.until(`"escalationId":"${e.id}"`);
    assert.match(stream.text(), /event: escalation\.queued/);

    assert.equal((await agent.post('/console/sign-out').type('form').send({ _csrf: csrf })).status, 303);
    await stream.ended;
  });

  it('when there is no console session, then the stream is refused with 401', async () => {
    const stream = await open('telecare_console=not-a-token');
    assert.equal(stream.res.statusCode, 401);
  });
});
