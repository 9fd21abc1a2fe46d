export { createRedis, pingRedis, waitForRedis, type Redis, type RedisClientOptions } from './redis-client';
