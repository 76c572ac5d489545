import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { trackPool } from "./pool-metrics";
import { PrismaClient } from "./generated/client.ts";

export type Db = InstanceType<typeof PrismaClient>;

/**
 * Idle connections stay open this long (node-postgres closes them after 10 s by default): after a
 * quiet spell, a rush otherwise began by opening the whole pool at once, each new backend cold.
 */
const IDLE_TIMEOUT_MS = 5 * 60_000;

/** A Prisma client over node-postgres. Callers own its lifetime (`$disconnect`). */
export function createDb(databaseUrl: string, poolSize = 10): Db {
  // Our own pool (the adapter ends it on $disconnect) so its gauges reach /metrics.
  const pool = trackPool(new pg.Pool({ connectionString: databaseUrl, max: poolSize, idleTimeoutMillis: IDLE_TIMEOUT_MS }));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}
