import { spawnSync } from "node:child_process";
import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import pg from "pg";
import { databaseUrl, ensureDatabase } from "../infra/postgres";
import { ensureTools } from "./tools";

/**
 * Logical backups of the database (docs/operations.md, "Backups and disaster recovery"):
 *   npm run db:backup [file]                 pg_dump, custom format (compressed, one consistent snapshot)
 *   npm run db:restore <file> [target-url]   into a new or empty database, then prints its figures
 *   npm run db:republish <minutes>           re-send recent events after Kafka state was lost
 * The primary scheme in production is the managed database's PITR; these dumps are the portable
 * second copy, and what the restore drill (restore-drill.deploy.test.ts) proves.
 */

export type Figures = { orders: number; totalCents: number; items: number; outboxUnpublished: number; users: number };

/** Counts and sums that must survive a backup and restore. */
export async function figures(url: string): Promise<Figures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ orders: string; total: string; items: string; unpublished: string; users: string }>(
      `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT coalesce(sum(total_cents), 0) FROM orders) AS total,
              (SELECT count(*) FROM order_items) AS items, (SELECT count(*) FROM outbox_events WHERE published_at IS NULL) AS unpublished,
              (SELECT count(*) FROM users) AS users`,
    );
    const r = rows[0]!;
    return { orders: Number(r.orders), totalCents: Number(r.total), items: Number(r.items), outboxUnpublished: Number(r.unpublished), users: Number(r.users) };
  } finally {
    await client.end();
  }
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${command} failed (${r.status}): ${r.stderr.trim().split("\n").slice(-5).join("\n")}`);
}

export function backup(url: string, file: string): { file: string; bytes: number; ms: number } {
  ensureTools("pg_dump");
  mkdirSync(dirname(file), { recursive: true });
  const started = Date.now();
  run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${file}`, `--dbname=${url}`]);
  return { file, bytes: statSync(file).size, ms: Date.now() - started };
}

/** Restores into `target`, which must not exist yet or be empty (nothing is overwritten). */
export async function restore(file: string, target: string): Promise<{ ms: number }> {
  ensureTools("pg_restore");
  await ensureDatabase(target);
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'");
  await client.end();
  if (Number(rows[0]!.n) > 0) throw new Error(`${new URL(target).pathname.slice(1)} already has tables: restore into a new database`);
  const started = Date.now();
  run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", `--dbname=${target}`, file]);
  return { ms: Date.now() - started };
}

/**
 * After a restore onto new Kafka topics (or a lost cluster): marks the events of the last `minutes`
 * unpublished, so the relay sends them again. Consumers dedupe by event id (processed_events is
 * restored with the data), so events they had already applied change nothing.
 */
export async function republish(url: string, minutes: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query("UPDATE outbox_events SET published_at = NULL WHERE occurred_at > now() - make_interval(mins => $1) AND published_at IS NOT NULL", [minutes]);
    return result.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const url = databaseUrl();
  const database = new URL(url).pathname.slice(1);
  if (command === "backup") {
    const result = backup(url, args[0] ?? `.data/backups/${database}-${stamp()}.dump`);
    console.log(`db:backup ${database} → ${result.file} (${(result.bytes / 1e6).toFixed(1)} MB in ${result.ms} ms): ${JSON.stringify(await figures(url))}`);
  } else if (command === "restore" && args[0]) {
    const target = args[1] ?? Object.assign(new URL(url), { pathname: `/${database}_restored_${stamp().replace("-", "_")}` }).toString();
    const result = await restore(args[0], target);
    console.log(`db:restore ${args[0]} → ${new URL(target).pathname.slice(1)} in ${result.ms} ms: ${JSON.stringify(await figures(target))}`);
    console.log("Next: point DATABASE_URL at it, run migrations, start the workers then the app (docs/operations.md).");
  } else if (command === "republish" && Number(args[0]) > 0) {
    console.log(`db:republish: ${await republish(url, Number(args[0]))} events of the last ${args[0]} minutes will be published again by the relay`);
  } else {
    throw new Error("usage: tsx scripts/ops/db-backup.ts backup [file] | restore <file> [target-url] | republish <minutes>");
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
