import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { getDashboard, type DashboardShop } from "@/lib/analytics/dashboard";
import { catchUp, rebuild } from "@/lib/analytics/store";
import { createDb } from "@/lib/db/client";
import { seed } from "@/prisma/seed";
import { SERVER_NODE_FLAGS } from "@/lib/startup/node-flags";
import { buildStaleness } from "../infra/build-freshness";
import { isPortOpen } from "../infra/process";
import * as postgres from "../infra/postgres";
import { createMigratedDatabase, dropRunDatabase } from "../testing/run-database";
import { BenchProcesses, signIn } from "./support";

/**
 * `npm run bench:dashboard [-- --orders=N --days=D --keep]`: the manager dashboard at volume.
 * In its own database (gocoffee_bench_dashboard): the demo catalog, 10 shops in three timezones,
 * N historical orders (default 1,000,000) over D days (default 365) bulk-generated in SQL with
 * generate_series, then the rollups rebuilt from the order tables by the same code the analytics
 * worker runs, then the dashboard's reads timed for a 90-day all-shops view (target p95 < 200 ms)
 * and smaller views. For comparison it also times the prep-time percentiles computed straight
 * from the orders instead of merged histograms. Then the same 90-day view over HTTP: GET
 * /api/dashboard through a production `next start` with a signed-in manager's session (cookie
 * decoded, scope checked, JSON serialised), cold (the first request to a freshly started server,
 * three times) and warm, beside the in-process figure of the same run (target: p95 < 200 ms and
 * ≤ 2× in-process). Prints figures; asserts nothing. The database is dropped at the end unless
 * --keep (a kept database with enough orders is reused next time).
 */

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, "").split("=")).map(([k, v]) => [k, v ?? "true"]));
const ORDERS = Number(args.orders ?? 1_000_000);
const DAYS = Number(args.days ?? 365);
const KEEP = args.keep === "true";
const RUNS = Number(args.runs ?? 40);
const EXTRA_SHOPS = [
  ["boston-back-bay", "Go Coffee Back Bay", "America/New_York"],
  ["austin-south-congress", "Go Coffee South Congress", "America/Chicago"],
  ["denver-union-station", "Go Coffee Union Station", "America/Denver"],
  ["seattle-pike-place", "Go Coffee Pike Place", "America/Los_Angeles"],
  ["miami-brickell", "Go Coffee Brickell", "America/New_York"],
  ["portland-pearl", "Go Coffee Pearl District", "America/Los_Angeles"],
  ["atlanta-midtown", "Go Coffee Midtown", "America/New_York"],
] as const;

const url = (() => {
  const u = new URL(postgres.databaseUrl());
  u.pathname = "/gocoffee_bench_dashboard";
  return u.toString();
})();

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT = Number(process.env.BENCH_PORT ?? 3300);
const MANAGER = { email: "manager@gocoffee.test", password: "espresso-manager" }; // the seed's demo manager
const COLD_STARTS = 3;

const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Whether a kept bench database already holds enough orders (with their rollups). */
async function reusable(): Promise<boolean> {
  const client = new pg.Client(url);
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM orders`);
    const n = Number(rows[0]?.n ?? 0);
    if (n < ORDERS) return false;
    say(`Reusing gocoffee_bench_dashboard: ${n.toLocaleString("en-US")} orders.`);
    // An interrupted run may have left the rollups half built: finish them.
    const db = createDb(url, 4);
    const caught = await catchUp(db, { batchSize: 10_000 });
    await db.$disconnect();
    if (caught.orders > 0) say(`Caught up the rollups on ${caught.orders.toLocaleString("en-US")} orders in ${seconds(caught.ms)}.`);
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function generate(): Promise<void> {
  await dropRunDatabase(url);
  await createMigratedDatabase(url);
  const db = createDb(url, 4);
  await seed(db, { historyDays: 0 });
  await db.$disconnect();

  const client = new pg.Client(url);
  await client.connect();
  try {
    // More shops, copies of the seeded ones (menu and stock included).
    await client.query(
      `INSERT INTO shops (id, slug, name, address_line, city, postal_code, country, timezone, currency, tax_rate_bps, updated_at)
       SELECT gen_random_uuid(), x.slug, x.name, '1 Main St', 'Somewhere', '00000', 'US', x.tz, 'USD', 800, now()
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(slug, name, tz)`,
      [EXTRA_SHOPS.map((s) => s[0]), EXTRA_SHOPS.map((s) => s[1]), EXTRA_SHOPS.map((s) => s[2])],
    );
    await client.query(`INSERT INTO shop_products (shop_id, product_id, available)
      SELECT s.id, p.id, true FROM shops s CROSS JOIN products p WHERE s.slug = ANY($1::text[])`, [EXTRA_SHOPS.map((s) => s[0])]);
    await client.query(`INSERT INTO stock (shop_id, ingredient_id, on_hand, reserved, reorder_level, updated_at)
      SELECT s.id, st.ingredient_id, st.on_hand, 0, st.reorder_level, now() FROM shops s
      CROSS JOIN (SELECT DISTINCT ON (ingredient_id) ingredient_id, on_hand, reorder_level FROM stock ORDER BY ingredient_id) st
      WHERE s.slug = ANY($1::text[])`, [EXTRA_SHOPS.map((s) => s[0])]);

    const started = performance.now();
    // Bulk load: no per-row triggers (change notifications, change_seq bumps) in this private database.
    await client.query(`SET session_replication_role = replica`);
    await client.query(`BEGIN`);
    // One order per series row: a shop, a local day in the window, a local time weighted to the
    // morning rush, 1–3 lines, and a fate (collected, cancelled, refunded).
    await client.query(
      `CREATE TEMP TABLE gen ON COMMIT DROP AS
       WITH shops AS (SELECT row_number() OVER (ORDER BY slug) - 1 AS k, id, timezone FROM shops),
       n AS (SELECT count(*) AS c FROM shops)
       SELECT gen_random_uuid() AS id, s.id AS shop_id, s.timezone,
         ((date_trunc('day', now() AT TIME ZONE s.timezone) - make_interval(days => (random() * $2)::int)
           + make_interval(secs => (6 * 3600 + 14 * 3600 * (random() + random() + random() + random()) / 4)::int)) AT TIME ZONE s.timezone) AS placed_at,
         random() AS fate, 1 + (random() * random() * 3)::int AS lines, 90 + (random() * 600)::int AS prep, 10 + (random() * 400)::int AS wait
       FROM generate_series(1, $1) g, n, shops s WHERE s.k = g % n.c`,
      [ORDERS, DAYS - 1],
    );
    // Nothing from the last half hour: every generated order is closed.
    await client.query(`UPDATE gen SET placed_at = now() - interval '30 minutes' - random() * interval '6 hours' WHERE placed_at > now() - interval '30 minutes'`);
    await client.query(
      `CREATE TEMP TABLE gen_items ON COMMIT DROP AS
       WITH p AS (SELECT row_number() OVER (ORDER BY slug) AS k, id, name, station, base_price_cents FROM products), pc AS (SELECT count(*) AS c FROM p)
       SELECT gen_random_uuid() AS id, g.id AS order_id, p.id AS product_id, p.name, p.station, q.qty, p.base_price_cents AS unit, p.base_price_cents * q.qty AS line
       FROM gen g CROSS JOIN LATERAL generate_series(1, g.lines) l CROSS JOIN pc
       CROSS JOIN LATERAL (SELECT 1 + (random() * random() * 2)::int AS qty, 1 + (abs(hashtext(g.id::text || l)) % pc.c) AS k) q
       JOIN p ON p.k = q.k`,
    );
    await client.query(
      `INSERT INTO orders (id, shop_id, customer_name, status, payment_method, pickup_code, subtotal_cents, tax_cents, total_cents, currency,
         cancel_reason, placed_at, queued_at, started_at, ready_at, claimed_at, cancelled_at, updated_at, version)
       SELECT g.id, g.shop_id, 'Bench', (CASE WHEN g.fate < 0.03 THEN 'CANCELLED' WHEN g.fate < 0.04 THEN 'REFUNDED' ELSE 'CLAIMED' END)::"OrderStatus",
         (CASE WHEN g.fate > 0.85 THEN 'CRYPTO' ELSE 'PAY_AT_PICKUP' END)::"PaymentMethod", 'BENCH', t.sub, t.sub * 8 / 100, t.sub + t.sub * 8 / 100, 'USD',
         CASE WHEN g.fate < 0.015 THEN 'Out of oat milk' WHEN g.fate < 0.03 THEN 'Customer changed their mind' END,
         g.placed_at, g.placed_at + interval '2 seconds', CASE WHEN g.fate >= 0.03 THEN g.placed_at + interval '20 seconds' END,
         CASE WHEN g.fate >= 0.03 THEN g.placed_at + make_interval(secs => g.prep) END,
         CASE WHEN g.fate >= 0.03 THEN g.placed_at + make_interval(secs => g.prep + g.wait) END,
         CASE WHEN g.fate < 0.03 THEN g.placed_at + interval '1 minute' END, g.placed_at + interval '20 minutes', 4
       FROM gen g JOIN (SELECT order_id, sum(line)::int AS sub FROM gen_items GROUP BY 1) t ON t.order_id = g.id`,
    );
    await client.query(
      `INSERT INTO order_items (id, order_id, product_id, product_name, station, quantity, unit_price_cents, line_total_cents, status, done_at)
       SELECT i.id, i.order_id, i.product_id, i.name, i.station, i.qty, i.unit, i.line, 'DONE', o.ready_at
       FROM gen_items i JOIN orders o ON o.id = i.order_id`,
    );
    await client.query(`COMMIT`);
    await client.query(`SET session_replication_role = DEFAULT`);
    await client.query(`ANALYZE`);
    const counts = await client.query<{ o: string; i: string }>(`SELECT (SELECT count(*) FROM orders) AS o, (SELECT count(*) FROM order_items) AS i`);
    say(`Generated ${Number(counts.rows[0]?.o).toLocaleString("en-US")} orders (${Number(counts.rows[0]?.i).toLocaleString("en-US")} lines) over ${DAYS} days in 10 shops in ${seconds(performance.now() - started)} (generate_series, one transaction).`);
  } finally {
    await client.end();
  }

  const db2 = createDb(url, 4);
  let last = 0;
  const result = await rebuild(db2, {
    batchSize: 10_000,
    onBatch: (n) => {
      if (n - last >= 100_000) {
        last = n;
        process.stdout.write(`  rollups: ${n.toLocaleString("en-US")} orders\r`);
      }
    },
  });
  await db2.$executeRawUnsafe(`ANALYZE`);
  await db2.$disconnect();
  say(`Rebuilt the rollups from the order tables (the worker's code): ${result.orders.toLocaleString("en-US")} orders in ${seconds(result.ms)} (${Math.round(result.orders / (result.ms / 1000)).toLocaleString("en-US")} orders/s).`);
}

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)] ?? NaN;
}

function stats(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${at(100).toFixed(1)} ms (${s.length} runs)`;
}

/**
 * GET /api/dashboard?range=90d over HTTP through `next start` (the production build, rebuilt when
 * older than the sources) with the demo manager's session, made a manager of every shop here.
 */
async function overHttp(): Promise<{ cold: number[]; warm: number[] }> {
  const stale = buildStaleness(ROOT);
  if (stale) {
    say(`The production build does not match the sources (${stale}): running next build…`);
    const code = await new Promise<number>((r) => spawn("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXTAUTH_SECRET: randomBytes(24).toString("base64") } }).on("exit", (c) => r(c ?? 1)));
    if (code !== 0) throw new Error("next build failed");
  }
  if (await isPortOpen("127.0.0.1", PORT)) throw new Error(`port ${PORT} is in use; free it or set BENCH_PORT`);
  const client = new pg.Client(url);
  await client.connect();
  await client.query(`INSERT INTO shop_members (shop_id, user_id, role) SELECT s.id, u.id, 'MANAGER' FROM shops s, users u WHERE u.email = $1 ON CONFLICT DO NOTHING`, [MANAGER.email]);
  await client.end();

  const base = `http://127.0.0.1:${PORT}`;
  const procs = new BenchProcesses(ROOT, join(ROOT, ".data", "bench", "dashboard"));
  const env = { DATABASE_URL: url, NODE_ENV: "production", NEXTAUTH_SECRET: randomBytes(24).toString("base64"), APP_URL: base, LOG_LEVEL: "warn" };
  const start = async () => {
    const app = procs.start("next", [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], env);
    await procs.waitFor("the app", 90_000, async () => (await fetch(`${base}/api/auth/csrf`)).ok, [app]);
    return app;
  };
  const get = async (cookie: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/dashboard?range=90d`, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`GET /api/dashboard answered ${res.status}`);
    return performance.now() - t;
  };
  try {
    const cold: number[] = [];
    let cookie = "";
    for (let i = 0; i < COLD_STARTS; i++) {
      const app = await start();
      cookie = await signIn(base, MANAGER.email, MANAGER.password);
      cold.push(await get(cookie));
      if (i < COLD_STARTS - 1) await procs.stop(app);
    }
    const warm = await time(RUNS, () => get(cookie));
    return { cold, warm };
  } finally {
    await procs.stopAll();
  }
}

async function time(runs: number, f: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await f(); // warm up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

async function main(): Promise<void> {
  if (!(await reusable())) await generate();

  const db = createDb(url, 10);
  try {
    const shops: DashboardShop[] = await db.shop.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, timezone: true, currency: true } });
    const [rows] = await db.$queryRawUnsafe<{ hourly: bigint; daily: bigint }[]>(
      `SELECT (SELECT count(*) FROM analytics_hourly) AS hourly, (SELECT count(*) FROM analytics_product_daily) + (SELECT count(*) FROM analytics_timing_daily) + (SELECT count(*) FROM analytics_cancel_daily) AS daily`,
    );
    say(`Rollup rows: ${Number(rows?.hourly).toLocaleString("en-US")} hourly, ${Number(rows?.daily).toLocaleString("en-US")} daily.`);
    say(`\nDashboard reads (getDashboard: 10 queries in parallel on a pool of 10, as GET /api/dashboard runs them):`);
    const views: [string, DashboardShop[], Parameters<typeof getDashboard>[2]][] = [
      ["90 days, all 10 shops (target p95 < 200 ms)", shops, { preset: "90d" }],
      ["365 days, all 10 shops", shops, { from: new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10) }],
      ["30 days, one shop", shops.slice(0, 1), { preset: "30d" }],
      ["today, all shops", shops, { preset: "today" }],
    ];
    let inProcess90 = NaN;
    for (const [label, selected, period] of views) {
      const samples = await time(RUNS, () => getDashboard(db, selected, period));
      if (Number.isNaN(inProcess90)) inProcess90 = p95(samples);
      say(`  ${label}: ${stats(samples)}`);
    }

    const http = await overHttp();
    const ratio = p95(http.warm) / inProcess90;
    say(`\nOver HTTP (GET /api/dashboard?range=90d, all ${shops.length} shops, the demo manager's session, next start):`);
    say(`  cold (first request to a freshly started server, ${http.cold.length} starts): ${http.cold.map((ms) => `${ms.toFixed(0)} ms`).join(", ")}`);
    say(`  warm: ${stats(http.warm)}   target p95 < 200 ms ${p95(http.warm) < 200 ? "✓" : "✗"}`);
    say(`  warm p95 over HTTP ÷ in-process p95 of this run = ${ratio.toFixed(2)}   target ≤ 2 ${ratio <= 2 ? "✓" : "✗"}`);

    // The alternative to histograms: exact percentiles from the orders for the range.
    const ids = shops.map((s) => s.id);
    const exact = await time(Math.min(RUNS, 10), () =>
      db.$queryRawUnsafe(
        `SELECT percentile_cont(ARRAY[0.5, 0.9, 0.95]) WITHIN GROUP (ORDER BY extract(epoch FROM ready_at - queued_at))
         FROM orders WHERE shop_id = ANY($1::uuid[]) AND placed_at >= now() - interval '90 days' AND ready_at IS NOT NULL`,
        ids,
      ),
    );
    say(`\nFor comparison, prep-time percentiles straight from the orders (90 days, all shops, one station-less figure): ${stats(exact)}`);
  } finally {
    await db.$disconnect();
  }
  if (!KEEP) {
    await dropRunDatabase(url);
    say(`\nDropped gocoffee_bench_dashboard (pass --keep to keep it for another run).`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
