import pg from "pg";
import { assertProductionReady, ConfigError, env } from "@/lib/env";

/**
 * Start-up checks for every entry point (app, workers, scripts): bad configuration or an
 * unreachable database stops the process with one line that says what to fix.
 */

export async function checkDatabase(databaseUrl: string, timeoutMs = 3000): Promise<{ ok: true } | { ok: false; error: string }> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function preflight(): Promise<void> {
  const { DATABASE_URL } = env();
  assertProductionReady();
  const db = await checkDatabase(DATABASE_URL);
  if (!db.ok) {
    const url = new URL(DATABASE_URL);
    throw new ConfigError(
      `Cannot reach PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname} (${db.error}): start it (npm run infra:up) or fix DATABASE_URL`,
    );
  }
}

/** Runs an entry point; configuration errors print one line instead of a stack trace. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exit(1);
  });
}
