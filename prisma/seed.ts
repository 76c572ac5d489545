// `npm run db:seed` (tsx prisma/seed.ts): demo shops, menu, stock, accounts and 30 days of orders.
// Idempotent: run it as often as you like. `--history-days=N` changes the days of past orders (default 30).
//
// `@/prisma/seed` resolves to this file (not prisma/seed/index.ts), so it re-exports the seed API
// and only runs when executed directly: importing it has no side effects.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createDb } from "@/lib/db/client";
import { ConfigError, env } from "@/lib/env";
import { preflight, runMain } from "@/lib/startup/preflight";
import { DEMO_ACCOUNTS, seed, type SeedOptions } from "./seed/index";

export * from "./seed/index";

async function main(): Promise<void> {
  await preflight();
  const args = process.argv.slice(2);
  // Demo accounts have published passwords: a production database gets them only when asked.
  if (env().NODE_ENV === "production" && !args.includes("--demo")) {
    throw new ConfigError("Refusing to seed demo data (accounts with published passwords) into a production database; pass --demo if this really is a demo deployment");
  }
  const db = createDb(env().DATABASE_URL, 4);
  try {
    const summary = await seed(db, parseArgs(args.filter((a) => a !== "--demo")));
    const created = Object.entries(summary.created)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`);
    const database = new URL(env().DATABASE_URL).pathname.slice(1);
    const out = [
      `Seeded ${database} in ${(summary.durationMs / 1000).toFixed(1)} s: ${created.length > 0 ? created.join(", ") : "nothing new (already seeded)"}`,
      ...summary.shops.map((s) => `  ${s.name} (${s.slug})${s.ordersCreated > 0 ? `: ${s.ordersCreated} past orders` : ""}`),
      `Demo accounts: ${DEMO_ACCOUNTS.map((a) => `${a.email} / ${a.password}`).join(", ")}`,
    ];
    process.stdout.write(`${out.join("\n")}\n`);
  } finally {
    await db.$disconnect();
  }
}

function parseArgs(args: readonly string[]): SeedOptions {
  const opts: SeedOptions = {};
  for (const arg of args) {
    const days = /^--history-days=(\d+)$/.exec(arg)?.[1];
    if (days !== undefined) opts.historyDays = Number(days);
    else throw new ConfigError(`Unknown argument ${arg}; usage: tsx prisma/seed.ts [--history-days=N] [--demo]`);
  }
  return opts;
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) runMain(main);
