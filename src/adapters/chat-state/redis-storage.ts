/**
 * botbuilder Storage on Redis with eTag check-and-set, mirroring MemoryStorage's rules: a write
 * with no eTag or '*' always wins; a write with an eTag must match the stored one, else it fails
 * with an eTag conflict and nothing changes. Each value is kept as "<eTag>\n<json>".
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Storage, StoreItems } from 'botbuilder';

const CAS = `
local cur = redis.call('GET', KEYS[1])
if cur and ARGV[1] ~= '' then
  local e = string.match(cur, '^[^\\n]*')
  if e ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 1`;

export class ETagConflictError extends Error {
  constructor(key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

type CasFn = (key: string, expected: string, value: string, ttl: number) => Promise<number>;

export interface RedisStorageOptions {
  prefix?: string;
  ttlSec?: number;
}

export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttl: number;
  private readonly cas: CasFn;

  constructor(
    private readonly redis: Redis,
    opts: RedisStorageOptions = {},
  ) {
    this.prefix = opts.prefix ?? 'chat:bot:';
    this.ttl = opts.ttlSec ?? 7 * 24 * 3600;
    if (!(redis as unknown as { botCas?: CasFn }).botCas) redis.defineCommand('botCas', { numberOfKeys: 1, lua: CAS });
    this.cas = (redis as unknown as { botCas: CasFn }).botCas.bind(redis);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.redis.mget(keys.map((k) => this.prefix + k));
    const items: StoreItems = {};
    rows.forEach((row, i) => {
      if (row === null) return;
      const nl = row.indexOf('\n');
      items[keys[i]] = { ...(JSON.parse(row.slice(nl + 1)) as Record<string, unknown>), eTag: row.slice(0, nl) };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
        const expected = eTag && eTag !== '*' ? eTag : '';
        const ok = await this.cas(this.prefix + key, expected, `${randomUUID()}\n${JSON.stringify(rest)}`, this.ttl);
        if (ok !== 1) throw new ETagConflictError(key);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}
