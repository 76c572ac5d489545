import type { Admin } from "kafkajs";
import type { Db } from "@/lib/db";
import { createKafka, pingKafka } from "@/lib/kafka/client";
import { redis } from "@/lib/security/redis";

export type Check = { ok: boolean; latencyMs: number; error?: string };
/** Redis only carries rate limits (which fail open), so it is reported but does not make the app "down". */
export type HealthReport = { status: "ok" | "down"; checks: { database: Check; kafka: Check; redis: Check } };

async function timed(fn: () => Promise<{ ok: boolean; error?: string }>): Promise<Check> {
  const started = performance.now();
  const result = await fn();
  return { ...result, latencyMs: Math.round(performance.now() - started) };
}

async function pingDatabase(db: Db, timeoutMs: number): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([db.$queryRaw`SELECT 1`, timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split("\n")[0] : String(error) };
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

async function pingRedis(): Promise<{ ok: boolean; error?: string }> {
  try {
    await redis().ping();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Database, Kafka and Redis reachability, each with its latency. */
export async function checkHealth(db: Db): Promise<HealthReport> {
  const [database, kafka, cache] = await Promise.all([timed(() => pingDatabase(db, 1500)), timed(() => pingKafka(healthAdmin(), 2000)), timed(pingRedis)]);
  return { status: database.ok && kafka.ok ? "ok" : "down", checks: { database, kafka, redis: cache } };
}
