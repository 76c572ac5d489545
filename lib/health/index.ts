import type { Admin } from "kafkajs";
import { cachedFor } from "@/lib/cache/ttl";
import type { Db } from "@/lib/db";
import { createKafka, pingKafka } from "@/lib/kafka/client";
import { childLogger } from "@/lib/log";
import { redis } from "@/lib/security/redis";

/**
 * Reachability of the database, Kafka and Redis for load balancers and people. The public answer
 * says only "ok" or "down" per dependency: hosts, ports and driver errors go to the log. One
 * check runs at a time and its answer is reused for a second, so a curl loop costs nothing.
 */
export type CheckState = "ok" | "down";
/** Redis only carries rate limits (which fail open), so it is reported but does not make the app "down". */
export type HealthReport = { status: CheckState; checks: { db: CheckState; kafka: CheckState; redis: CheckState } };

const log = childLogger("health");

async function check(name: string, timeoutMs: number, probe: () => Promise<unknown>): Promise<CheckState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch (error) {
    log.warn({ check: name, err: error instanceof Error ? error.message.split("\n")[0] : String(error) }, `health check failed: ${name}`);
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

// One admin connection per process, reused across health checks; kafkajs reconnects it.
let admin: Admin | undefined;
function healthAdmin(): Admin {
  admin ??= createKafka(undefined, { retry: { retries: 0 }, connectionTimeout: 1000, requestTimeout: 1500 }).admin();
  return admin;
}

async function probeAll(db: Db): Promise<HealthReport> {
  const [dbState, kafka, cache] = await Promise.all([
    check("db", 1500, () => db.$queryRaw`SELECT 1`),
    check("kafka", 2000, async () => {
      const result = await pingKafka(healthAdmin(), 2000);
      if (!result.ok) throw new Error(result.error);
    }),
    check("redis", 1000, () => redis().ping()),
  ]);
  return { status: dbState === "ok" && kafka === "ok" ? "ok" : "down", checks: { db: dbState, kafka, redis: cache } };
}

const HEALTH_TTL_MS = 1_000;
let cached: ((key: string) => Promise<HealthReport>) | undefined;

export function checkHealth(db: Db): Promise<HealthReport> {
  cached ??= cachedFor(HEALTH_TTL_MS, () => probeAll(db), { maxKeys: 1 });
  return cached("health");
}
