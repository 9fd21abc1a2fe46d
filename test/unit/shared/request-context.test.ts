import assert from 'node:assert/strict';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../../src/shared/logger';
import { requestContext } from '../../../src/shared/http/request-context';

function appWith(level: 'info' | 'warn') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  const app = express();
  app.use(requestContext(logger));
  app.get('/quiet', (_req, res) => void res.json({ ok: true }));
  app.get('/chatty', (req, res) => {
    req.log.info({ step: 'lookup' }, 'handler says hello');
    res.status(404).json({ ok: false });
  });
  return { app, lines };
}

describe('request context', () => {
  it('when a handler logs nothing, then the access line still carries the request id, method, route, status and time', async () => {
    const { app, lines } = appWith('info');
    const res = await request(app).get('/quiet?pin=4821').set('X-Request-Id', 'req-12345678');
    assert.equal(res.headers['x-request-id'], 'req-12345678');
    assert.equal(lines.length, 1);
    const line = lines[0] as { reqId: string; msg: string; req: { method: string; path: string }; res: { statusCode: number }; responseTimeMs: number };
    assert.equal(line.msg, 'request completed');
    assert.equal(line.reqId, 'req-12345678');
    assert.deepEqual([line.req.method, line.req.path, line.res.statusCode], ['GET', '/quiet', 200]);
    assert.equal(typeof line.responseTimeMs, 'number');
    assert.ok(!JSON.stringify(lines).includes('4821'), 'the query string is never logged');
  });

  it("when a handler logs, then its line and the access line share the request's id", async () => {
    const { app, lines } = appWith('info');
    const res = await request(app).get('/chatty');
    const id = res.headers['x-request-id'];
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      lines.map((l) => [l.msg, l.reqId, l.level]),
      [
        ['handler says hello', id, 'info'],
        ['request completed', id, 'warn'],
      ],
    );
  });

  it('when the access line is below the level, then nothing is written', async () => {
    const { app, lines } = appWith('warn');
    await request(app).get('/quiet');
    assert.equal(lines.length, 0);
    await request(app).get('/chatty');
    assert.deepEqual(lines.map((l) => l.msg), ['request completed']);
  });
});
