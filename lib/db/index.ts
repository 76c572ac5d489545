import "server-only";
import { env } from "@/lib/env";
import { createDb, type Db } from "./client";

export { createDb, type Db } from "./client";
export * from "./generated/enums.ts";
export { Prisma } from "./generated/client.ts";

// One client per process. Next's dev server re-evaluates modules on change, so the instance is
// parked on globalThis to avoid opening a new pool on every edit.
const holder = globalThis as typeof globalThis & { __goCoffeeDb?: Db; __goCoffeeLiveDb?: Db };

/**
 * Live streams' reads (barista queue, status board, order tracking) use a small pool of their own:
 * a change then reaches the screens without waiting for a connection behind a burst of order
 * placements on the main pool.
 */
const LIVE_POOL_SIZE = 4;

export function db(): Db {
  holder.__goCoffeeDb ??= createDb(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return holder.__goCoffeeDb;
}

export function liveDb(): Db {
  holder.__goCoffeeLiveDb ??= createDb(env().DATABASE_URL, LIVE_POOL_SIZE);
  return holder.__goCoffeeLiveDb;
}
