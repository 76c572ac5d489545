import { env } from "@/lib/env";
import { createDb, type Db } from "./client";

export { createDb, type Db } from "./client";
export * from "./generated/enums.ts";
export { Prisma } from "./generated/client.ts";

// One client per process. Next's dev server re-evaluates modules on change, so the instance is
// parked on globalThis to avoid opening a new pool on every edit.
const holder = globalThis as typeof globalThis & { __goCoffeeDb?: Db };

export function db(): Db {
  holder.__goCoffeeDb ??= createDb(env().DATABASE_URL, env().DATABASE_POOL_SIZE);
  return holder.__goCoffeeDb;
}
