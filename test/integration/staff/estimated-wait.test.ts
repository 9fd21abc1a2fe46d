/** The estimated wait a queued caller hears comes from the real queue and recent handle times. */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startApi, type Api } from '../api/api-harness';
import { queueEscalation } from './staff-harness';
import { anonymous } from '../../../src/domain/shared/actor';
import { TwilioCaller } from '../../../src/channels/voice/twiml/twilio-caller';

describe('voice: estimated wait in the queue', () => {
  let api: Api;
  let server: Server;
  beforeEach(async () => {
    api = await startApi();
    server = api.runtime.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await api.close();
  });

  async function callAndQueue(): Promise<string> {
    const caller = new TwilioCaller({ serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, publicBaseUrl: api.runtime.config.publicBaseUrl, authToken: api.runtime.config.twilioAuthToken, from: '+12175550142' });
    await caller.dial();
    await caller.press('1');
    await caller.press('4821');
    const heard = await caller.press('0');
    assert.ok(heard.enqueue);
    return heard.says.map((s) => s.text).join(' ');
  }

  it('when the billing queue handled calls of 4 and 6 minutes today and one caller waits ahead, then the next caller hears they are number 2 with about 10 minutes to wait', async () => {
    const { care } = api.runtime;
    for (const minutes of [4, 6]) {
      const e = await queueEscalation(api, { actor: anonymous('voice'), reason: 'billing question', skill: 'billing', channel: 'voice' });
      await care.escalations.assign(e.id, 'stf-alex');
      api.clock.advance(minutes * 60_000);
      await care.escalations.resolve(e.id, { by: 'stf-alex', disposition: 'resolved' });
    }
    const ahead = await care.interactions.start(anonymous('voice'), { channel: 'voice', channelRef: 'ref-ahead' });
    await care.escalations.escalate(anonymous('voice'), ahead.id, { reason: 'urgent billing question', skill: 'billing', priority: 0 });
    assert.match(await callAndQueue(), /You are number 2 in line\. The wait is about 10 minutes\.$/);
  });

  it('when the queue has no recent handling, then the caller hears only the position', async () => {
    assert.match(await callAndQueue(), /You are number 1 in line\.$/);
  });
});
