import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import YAML from 'yaml';
import { RedisStorage, createRedisDirectLineStore, createMemoryDirectLineStore, createRedisConversationLock } from '../../../src/adapters/chat-state';
import type { DirectLineStore } from '../../../src/channels/chat/directline/ports';
import { withId } from '../../../src/channels/chat/directline/ports';
import { DirectLineTokens } from '../../../src/channels/chat/directline/tokens';
import { NlpUnderstanding } from '../../../src/adapters/understanding/nlp-understanding';
import { loadChatDialogs } from '../../../src/channels/chat/dialogs-data/load-chat-dialogs';

describe('chat state on Redis', () => {
  let redis: Redis;
  let prefix: string;
  before(() => {
    redis = new Redis('redis://127.0.0.1:6379');
    prefix = `test:chat-state:${randomBytes(4).toString('hex')}:`;
  });
  after(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('when two writers hold the same eTag, then only the first write wins and the second fails with nothing changed', async () => {
    const storage = new RedisStorage(redis, { prefix });
    await storage.write({ conv: { n: 1 } });
    const a = (await storage.read(['conv'])).conv;
    const b = (await storage.read(['conv'])).conv;
    await storage.write({ conv: { ...a, n: 2 } });
    await assert.rejects(storage.write({ conv: { ...b, n: 3 } }), /eTag conflict/);
    assert.equal((await storage.read(['conv'])).conv.n, 2);
    await storage.write({ conv: { n: 4, eTag: '*' } });
    assert.equal((await storage.read(['conv'])).conv.n, 4);
    await storage.delete(['conv']);
    assert.deepEqual(await storage.read(['conv']), {});
  });

  for (const kind of ['redis', 'memory'] as const) {
    it(`when the same dedupe key is appended twice at once (${kind}), then one activity is stored and both get its position`, async () => {
      const store: DirectLineStore = kind === 'redis' ? createRedisDirectLineStore(redis, { prefix }) : createMemoryDirectLineStore();
      const id = `c${randomBytes(3).toString('hex')}`;
      assert.equal(await store.createConversation({ id, userId: 'dl_u', createdAt: new Date().toISOString() }), true);
      assert.equal(await store.createConversation({ id, userId: 'dl_other', createdAt: new Date().toISOString() }), false);
      const [x, y] = await Promise.all([store.append(id, JSON.stringify({ type: 'message', text: 'a' }), 'k1'), store.append(id, JSON.stringify({ type: 'message', text: 'a' }), 'k1')]);
      assert.equal(x.seq, y.seq);
      assert.equal([x.duplicate, y.duplicate].filter(Boolean).length, 1);
      await store.append(id, JSON.stringify({ type: 'message', text: 'b' }));
      const page = await store.activitiesAfter(id, 1, 10);
      assert.deepEqual(page.activities.map((a) => a.text), ['b']);
      assert.equal(page.watermark, 2);
      assert.equal(page.activities[0].id, `${id}|0000002`);
      await assert.rejects(store.append(`${id}-missing`, JSON.stringify({ type: 'message' })), /does not exist/);
    });

    it(`when a stream ticket is redeemed (${kind}), then it works once only`, async () => {
      const store: DirectLineStore = kind === 'redis' ? createRedisDirectLineStore(redis, { prefix }) : createMemoryDirectLineStore();
      await store.issueTicket('t1', 'conv-1', 5000);
      assert.equal(await store.redeemTicket('t1'), 'conv-1');
      assert.equal(await store.redeemTicket('t1'), null);
    });
  }

  it('when two processes run turns of one conversation, then the Redis lock runs them one at a time', async () => {
    const a = createRedisConversationLock(redis, { prefix });
    const b = createRedisConversationLock(redis, { prefix });
    let inside = 0;
    let maxInside = 0;
    const work = async () => {
      inside++;
      maxInside = Math.max(maxInside, inside);
      await new Promise((r) => setTimeout(r, 15));
      inside--;
    };
    await Promise.all([a.run('c1', work), b.run('c1', work), a.run('c1', work), b.run('c1', work)]);
    assert.equal(maxInside, 1);
  });
});

describe('Direct Line tokens', () => {
  it('when a token is minted, then it verifies, names its conversation and user, and expires', () => {
    let now = Date.now();
    const tokens = new DirectLineTokens('x'.repeat(40), () => now, 60);
    const { token } = tokens.mint({ conversationId: 'c1', userId: 'dl_u', actor: { customerId: 'cus1', verification: 'verified' } });
    const claims = tokens.verify(token);
    assert.equal(claims?.conv, 'c1');
    assert.equal(claims?.user, 'dl_u');
    assert.deepEqual(claims?.act, { customerId: 'cus1', verification: 'verified' });
    assert.equal(tokens.verify(token.slice(0, -2) + 'xx'), null);
    assert.equal(tokens.verify(token), claims, 'a token already checked is not re-verified');
    assert.ok(Object.isFrozen(claims) && Object.isFrozen(claims?.act), 'shared claims cannot be changed by a caller');
    now += 61_000;
    assert.equal(tokens.verify(token), null);
  });
});

describe('Direct Line activity JSON', () => {
  it('when an id is put into stored JSON, then it parses to the same activity with that id', () => {
    const activity = { type: 'message', text: 'a "quoted" | text', from: { id: 'u', role: 'user' } };
    assert.deepEqual(JSON.parse(withId(JSON.stringify(activity), 'conv|0000007')), { id: 'conv|0000007', ...activity });
    assert.deepEqual(JSON.parse(withId('{}', 'x')), { id: 'x' });
  });
});

describe('chat-dialogs validation', () => {
  const copy = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-dialogs-'));
    const target = path.join(dir, 'chat-dialogs');
    fs.cpSync(path.resolve(__dirname, '../../../chat-dialogs'), target, { recursive: true });
    fs.cpSync(path.resolve(__dirname, '../../../wording'), path.join(dir, 'wording'), { recursive: true });
    return target;
  };

  it('when the shipped files are loaded, then they are valid', () => {
    assert.ok(loadChatDialogs(path.resolve(__dirname, '../../../chat-dialogs')).intents.commands.agent);
  });

  it('when the training examples name an unknown intent, then training fails naming file, place and reason', async () => {
    const dir = copy();
    const text = fs.readFileSync(path.join(dir, 'understanding.en.yaml'), 'utf8').replace('  repair:\n', '  repair-everything:\n');
    fs.writeFileSync(path.join(dir, 'understanding.en.yaml'), text);
    await assert.rejects(new NlpUnderstanding(dir).ready(), /chat-dialogs\/understanding\.en\.yaml: intents(\.repair)?: \S.*/);
  });

  it('when a required message is missing, then loading fails naming it', () => {
    const dir = copy();
    const file = path.join(dir, '..', 'wording', 'en.yaml');
    const en = YAML.parse(fs.readFileSync(file, 'utf8')) as { messages: Record<string, unknown> };
    delete en.messages['handoff.queued'];
    fs.writeFileSync(file, YAML.stringify(en));
    assert.throws(() => loadChatDialogs(dir), /wording\/en\.yaml: "handoff\.queued": missing \(the bot uses it\)/);
  });

  it('when a card names a message that does not exist, then loading fails naming the card', () => {
    const dir = copy();
    const text = fs.readFileSync(path.join(dir, 'presentation.yaml'), 'utf8').replace('title: card.bill', 'title: card.nope');
    fs.writeFileSync(path.join(dir, 'presentation.yaml'), text);
    assert.throws(() => loadChatDialogs(dir), /presentation\.yaml: cards\.bill-inquiry\.done\.informed\.title: no message 'card\.nope' in .*wording\/en\.yaml/);
  });
});
