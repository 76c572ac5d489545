import { Redis } from "ioredis";
import { env } from "@/lib/env";

/**
 * The process's one Redis connection (rate limits; later other short-lived state). Commands fail
 * within a second or two when Redis is unreachable instead of queueing forever, so callers can
 * decide what an outage means for them.
 */

const holder = globalThis as typeof globalThis & { __goCoffeeRedis?: Redis };

export function createRedis(url: string): Redis {
  return new Redis(url, { lazyConnect: true, connectTimeout: 2_000, commandTimeout: 1_000, maxRetriesPerRequest: 1, enableOfflineQueue: true });
}

export function redis(): Redis {
  holder.__goCoffeeRedis ??= createRedis(env().REDIS_URL);
  return holder.__goCoffeeRedis;
}
