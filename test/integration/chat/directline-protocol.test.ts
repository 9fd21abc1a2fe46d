import assert from 'node:assert/strict';
import type { Activity, Message } from 'botframework-directlinejs';
import { connect, type TestClient } from './directline-client';
import { newToken, startChatServer, type ChatServer } from './chat-harness';

const fromBot = (a: Activity) => a.from.role === 'bot' && a.type === 'message';
const botSays = (s: string) => (a: Activity) => fromBot(a) && ((a as Message).text ?? '').toLowerCase().includes(s.toLowerCase());
const buttons = (a: Activity) => [
  ...((a as Message).suggestedActions?.actions ?? []),
  ...((a as Message).attachments ?? []).flatMap((x) => (((x as { content?: unknown }).content as { buttons?: { title: string; value: unknown }[] })?.buttons ?? [])),
] as { title: string; value: unknown }[];
const tapValue = (a: Activity, label: string) => {
  const b = buttons(a).find((x) => x.title.toLowerCase().includes(label.toLowerCase()));
  assert.ok(b, `no button ${label} on "${(a as Message).text}"`);
  return b;
};

async function adjustment(srv: ChatServer, c: TestClient): Promise<void> {
  await c.waitFor(botSays('Brightwave assistant'), 'greeting');
  await c.say('I want to dispute a charge on my bill');
  await c.waitFor(botSays('account number'), 'account question');
  await c.say(srv.fixture.people[0].accountNumber);
  await c.waitFor(botSays('PIN'), 'PIN question');
  await c.say(srv.fixture.people[0].pin);
  const bills = await c.waitFor(botSays('Which bill'), 'bill choice');
  const bill = tapValue(bills, 'November 2026');
  await c.say(bill.title, bill.value);
  const firstPage = await c.waitFor(botSays('Which charge'), 'item choice');
  const more = tapValue(firstPage, 'More options');
  await c.say(more.title, more.value);
  const items = await c.waitFor(botSays('Which charge'), 'item choice, second page');
  const item = tapValue(items, 'International calls');
  await c.say(item.title, item.value);
  const reasons = await c.waitFor(botSays('reason'), 'reason choice');
  const reason = tapValue(reasons, 'Billing error');
  await c.say(reason.title, reason.value);
  await c.waitFor(botSays('How much'), 'amount question');
  await c.say('5.00');
  const confirm = await c.waitFor(botSays('Shall I go ahead'), 'confirmation');
  assert.match(JSON.stringify((confirm as Message).attachments), /\$5\.00/);
}

for (const variant of [
  { transport: 'websocket', redis: true },
  { transport: 'polling', redis: false },
] as const) {
  describe(`Direct Line 3.0 with botframework-directlinejs over ${variant.transport} (${variant.redis ? 'Redis' : 'in-process'} state)`, () => {
    let srv: ChatServer;
    before(async () => {
      srv = await startChatServer({ redis: variant.redis });
    });
    after(async () => {
      await srv.close();
    });

    it('when a customer disputes a charge start to finish, then every reply arrives and one adjustment is credited', async () => {
      const { token } = await newToken(srv.base);
      const c = connect({ token, domain: `${srv.base}/v3/directline`, transport: variant.transport });
      try {
        await adjustment(srv, c);
        const echoId = await c.say('yes', undefined, 'client-yes-1');
        await c.waitFor((a) => a.id === echoId && a.from.role === 'user', 'the echo of our own message');
        await c.waitFor(botSays('has been credited'), 'done');
        const actor = await srv.fixture.care.verification.verifyPin({ accountNumber: srv.fixture.people[0].accountNumber, pin: srv.fixture.people[0].pin }, { channel: 'chat' });
        const adjustments = (await srv.fixture.care.billing.adjustments(actor)).filter((a) => a.amount.amountMinor === 500 && a.requestedBy.channel === 'chat');
        assert.equal(adjustments.length, 1);
      } finally {
        c.end();
      }
    });

    it('when the client reconnects with a watermark, then only the activities after it are delivered', async () => {
      const { token, conversationId } = await newToken(srv.base);
      const first = connect({ token, domain: `${srv.base}/v3/directline`, transport: variant.transport });
      await first.waitFor(botSays('Brightwave assistant'), 'greeting');
      await first.say('tell me a joke');
      await first.waitFor(botSays('I can help with'), 'not-understood reply');
      const watermark = (first.dl as unknown as { watermark: string }).watermark;
      assert.ok(watermark, 'the client tracked a watermark');
      first.end();
      await first.say('my bill').catch(() => undefined); // ended: nothing is sent
      const res = await fetch(`${srv.base}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'agent' }),
      });
      assert.equal(res.status, 200);
      const again = connect({ token, conversationId, watermark, domain: `${srv.base}/v3/directline`, transport: variant.transport });
      try {
        await again.waitFor(botSays('connecting you with an agent'), 'the reply posted while away');
        assert.ok(!again.received.some(botSays('Brightwave assistant')), 'the greeting was before the watermark and must not come again');
      } finally {
        again.end();
      }
    });
  });
}
