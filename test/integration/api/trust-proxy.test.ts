/**
 * Behind a load balancer: TRUST_PROXY decides whose X-Forwarded-For is believed (the client IP the
 * verification throttle counts by), and generated URLs take scheme and host from PUBLIC_BASE_URL.
 */
import assert from 'node:assert/strict';
import { DEMO_PEOPLE } from '../../../src/demo/demo-people';
import { startApi, type Api } from './api-harness';

describe('api: behind a proxy (TRUST_PROXY, PUBLIC_BASE_URL)', () => {
  let api: Api | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  /** Starts the app with a throttle that records the keys it is asked about (the source of each attempt). */
  async function start(env: Record<string, string>): Promise<{ api: Api; keys: string[] }> {
    const keys: string[] = [];
    api = await startApi({ env, overrides: { throttle: { consume: async (key: string) => (keys.push(key), true) } } });
    return { api, keys };
  }
  const signInFrom = (a: Api, forwardedFor: string) =>
    a.http.post('/api/v1/sessions').set('X-Forwarded-For', forwardedFor).send({ accountNumber: DEMO_PEOPLE[0].accountNumber, pin: DEMO_PEOPLE[0].pin });

  it('when TRUST_PROXY=1, then the client address from X-Forwarded-For is the source the throttle counts', async () => {
    const { api: a, keys } = await start({ TRUST_PROXY: '1' });
    assert.equal((await signInFrom(a, '203.0.113.9')).status, 201);
    assert.deepEqual(keys, ['verify:203.0.113.9']);
  });

  it('when TRUST_PROXY is unset, then a forged X-Forwarded-For is ignored and the peer address counts', async () => {
    const { api: a, keys } = await start({});
    assert.equal((await signInFrom(a, '203.0.113.9')).status, 201);
    assert.deepEqual(keys, ['verify:127.0.0.1']);
  });

  it('when TRUST_PROXY lists the proxy addresses, then only those are trusted to forward', async () => {
    const { api: a, keys } = await start({ TRUST_PROXY: 'loopback' });
    await signInFrom(a, '198.51.100.1, 203.0.113.9');
    assert.deepEqual(keys, ['verify:203.0.113.9']);
  });

  it('when PUBLIC_BASE_URL is https, then the Direct Line streamUrl is wss:// on its host whatever the request said', async () => {
    const { api: a } = await start({ PUBLIC_BASE_URL: 'https://care.example.com/', TRUST_PROXY: '1' });
    const { token } = (await a.http.post('/chat/token').set('X-Forwarded-Proto', 'http')).body as { token: string };
    const res = await a.http.post('/v3/directline/conversations').set('Authorization', `Bearer ${token}`).set('Host', 'internal:8080');
    assert.equal(res.status, 201);
    assert.match((res.body as { streamUrl: string }).streamUrl, /^wss:\/\/care\.example\.com\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);
  });

  it('when PUBLIC_BASE_URL is unset in development and the proxy says https, then streamUrl is wss:// (TRUST_PROXY=1)', async () => {
    const { api: a } = await start({ TRUST_PROXY: '1' });
    const { token } = (await a.http.post('/chat/token')).body as { token: string };
    const res = await a.http.post('/v3/directline/conversations').set('Authorization', `Bearer ${token}`).set('X-Forwarded-Proto', 'https').set('X-Forwarded-Host', 'chat.example.org');
    assert.match((res.body as { streamUrl: string }).streamUrl, /^wss:\/\//);
  });

  it('when PUBLIC_BASE_URL has a path prefix and plain http, then streamUrl is ws:// under that prefix', async () => {
    const { api: a } = await start({ PUBLIC_BASE_URL: 'http://gateway.example.net:8080/care' });
    const { token } = (await a.http.post('/chat/token')).body as { token: string };
    const res = await a.http.post('/v3/directline/conversations').set('Authorization', `Bearer ${token}`);
    assert.match((res.body as { streamUrl: string }).streamUrl, /^ws:\/\/gateway\.example\.net:8080\/care\/v3\/directline\/conversations\/[^/]+\/stream\?t=/);
  });
});
