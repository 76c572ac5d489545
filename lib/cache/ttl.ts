import { LRUCache } from "lru-cache";

/**
 * `load(key)`, remembered for `ttlMs` per key, with one load in flight per key however many
 * callers ask at once (lru-cache's fetch). For answers that are costly to make and fine to be a
 * little old: RPC reads behind public endpoints (a stranger's curl loop then costs nothing),
 * health checks.
 */
export function cachedFor<V extends object>(ttlMs: number, load: (key: string) => Promise<V>, opts: { maxKeys?: number; now?: () => number } = {}): (key: string) => Promise<V> {
  const cache = new LRUCache<string, V>({ max: opts.maxKeys ?? 100, ttl: ttlMs, ttlResolution: 0, fetchMethod: (key) => load(key), ...(opts.now ? { perf: { now: opts.now } } : {}) });
  return async (key) => {
    const value = await cache.fetch(key);
    if (value === undefined) throw new Error(`cachedFor: no value for ${key}`);
    return value;
  };
}
