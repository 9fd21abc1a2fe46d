import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkOutboundUrl, isPublicAddress, UnsafeUrlError } from '../../../../src/adapters/tmf/safe-url';
import { httpCall } from '../../../../src/adapters/tmf/http-json';

const strict = { allowPrivate: false };

describe('partner callback URLs (SSRF guard)', () => {
  it('when an address is loopback, private, link-local, CGNAT, multicast or reserved (v4 or v6, mapped or not), then it is not public', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.9', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', 'not-an-ip']) {
      assert.equal(isPublicAddress(a), false, a);
    }
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) assert.equal(isPublicAddress(a), true, a);
  });

  it('when production checks a callback, then http, credentials, loopback and private hosts are refused before anything is stored', async () => {
    const refused = ['http://93.184.216.34/hook', 'https://user:pw@93.184.216.34/hook', 'https://127.0.0.1/hook', 'https://10.0.0.7/hook', 'https://[::1]/hook', 'https://169.254.169.254/latest/meta-data', 'https://localhost/hook', 'ftp://93.184.216.34/', 'not a url'];
    for (const url of refused) await assert.rejects(checkOutboundUrl(url, strict), UnsafeUrlError, url);
    const ok = await checkOutboundUrl('https://93.184.216.34/hook', strict);
    assert.equal(ok.hostname, '93.184.216.34');
  });

  it('when development checks a callback, then a loopback test server is allowed', async () => {
    assert.equal((await checkOutboundUrl('http://127.0.0.1:9/hook', { allowPrivate: true })).port, '9');
  });

  it('when production connects to a name that resolves to loopback, then the socket is refused at connect time (DNS rebinding), and the server never sees the call', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits += 1;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      // Reachable when private addresses are allowed: the refusal below is the guard, not the network.
      await httpCall({ method: 'POST', url: `http://localhost:${port}/`, body: '{}', timeoutMs: 2000 }, { allowPrivate: true });
      assert.equal(hits, 1);
      await assert.rejects(httpCall({ method: 'POST', url: `https://localhost:${port}/`, body: '{}', timeoutMs: 2000 }, strict), /non-public address/);
      assert.equal(hits, 1);
    } finally {
      server.close();
    }
  });
});
