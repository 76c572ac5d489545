import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { prettyFactory } from "pino-pretty";
import { parseEther } from "viem";
import { publicClientFor } from "@/lib/chain/clients";
import { erc20Abi } from "@/lib/defi/abis";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { createDb, type Db } from "@/lib/db";
import { localWethUsdc } from "@/lib/defi/venues";
import { DCA, REBALANCE, STABLE_MIX } from "@/lib/trading/strategies";
import { localDeployment } from "@/lib/chain/deployments.local";
import { treasuryControl } from "@/lib/trading/desk";
import { env } from "@/lib/env";
import { integrationSettings } from "@/lib/integrations/setup";
import { connectMastodon, connectSlack } from "@/lib/integrations/store";
import { connectClickUp } from "@/lib/integrations/clickup/store";
import { connectAirtable } from "@/lib/integrations/airtable/store";
import { connectSheets } from "@/lib/integrations/sheets/store";
import { startFakeClickUp } from "./testing/fake-clickup";
import { startFakeMastodon } from "./testing/fake-mastodon";
import { startFakeX } from "./testing/fake-x";
import { connectX } from "@/lib/integrations/x/store";
import { startFakeAirtable } from "./testing/fake-airtable";
import { startFakeGoogle } from "./testing/fake-google";
import { startFakeSlack } from "./testing/fake-slack";
import { startFakeTelegram } from "./testing/fake-telegram";
import { ensureVapidKeys } from "./vapid-keys";
import { SERVER_NODE_FLAGS } from "@/lib/startup/node-flags";
import { DEMO_ACCOUNTS } from "@/prisma/seed/accounts";
import { seed } from "@/prisma/seed";
import * as anvil from "./infra/anvil";
import * as kafka from "./infra/kafka";
import * as mail from "./infra/mail";
import * as postgres from "./infra/postgres";
import { mintTestToken, mintUsdc, openPriceGap, restorePrices } from "./chain/price-gap";
import { buildStaleness } from "./infra/build-freshness";
import { LOGS_DIR, ROOT } from "./infra/process";

/**
 * `npm run demo`: the whole product on this machine with demo data. Starts the services that are
 * not running, migrates, seeds an empty database, builds when the sources changed, then runs the
 * app and every worker. Ctrl-C stops all of it, services included (only those it started).
 *
 * The console shows the app's and the workers' logs as readable lines (pino-pretty); the full
 * JSON lines go to .data/logs/app.log and .data/logs/workers.log.
 */

const PORT = Number(process.argv.find((a) => a.startsWith("--port="))?.slice(7) ?? 3000);
const children: ChildProcess[] = [];
const DEMO_SHEETS = "Demo Google Sheets (local fake)";
const DEMO_AIRTABLE = "Demo Airtable (local fake)";
const startedServices: { name: string; stop(): Promise<unknown> }[] = [];

/** One log line as a person reads it: pino's JSON made readable, anything else (Next's own output) as it is. */
const pretty = prettyFactory({ colorize: process.stdout.isTTY, translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname,component,service", messageFormat: "{service} {if component}({component}) {end}{msg}", singleLine: true });
function readable(line: string): string {
  if (!line.startsWith("{")) return line;
  try {
    return pretty(JSON.parse(line) as object).trimEnd();
  } catch {
    return line;
  }
}

/** Starts a long-running child whose output goes, in full, to .data/logs/<name>.log and, readable, to the console. */
function spawnLogged(name: string, command: string, args: string[], childEnv: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(LOGS_DIR, { recursive: true });
  const file = createWriteStream(join(LOGS_DIR, `${name}.log`), { flags: "a" });
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: childEnv });
  for (const output of [child.stdout, child.stderr]) {
    createInterface({ input: output }).on("line", (line) => {
      file.write(`${line}\n`);
      console.log(readable(line));
    });
  }
  child.once("exit", () => file.end());
  return child;
}

function step(message: string): void {
  console.log(`\n▶ ${message}`);
}

function must(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed`);
}

/** `next start` runs in production mode, which needs a session secret: keep one per checkout. */
function ensureSessionSecret(): void {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = join(ROOT, ".data", "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, ".data"), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = readFileSync(file, "utf8").trim();
}

/** /api/metrics needs a bearer token: the demo keeps one per checkout, as the session secret. */
function ensureMetricsToken(): string {
  if (process.env.METRICS_TOKEN) return process.env.METRICS_TOKEN;
  const file = join(ROOT, ".data", "metrics-token");
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, ".data"), { recursive: true });
    writeFileSync(file, randomBytes(24).toString("base64url"), { mode: 0o600 });
  }
  process.env.METRICS_TOKEN = readFileSync(file, "utf8").trim();
  return process.env.METRICS_TOKEN;
}

/** Integration credentials are encrypted at rest: the demo keeps its own key per checkout (production refuses the built-in one). */
function ensureIntegrationsKeys(): void {
  if (process.env.INTEGRATIONS_KEYS) return;
  const file = join(ROOT, ".data", "integrations-keys");
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, ".data"), { recursive: true });
    writeFileSync(file, `demo:${randomBytes(32).toString("base64")}`, { mode: 0o600 });
  }
  process.env.INTEGRATIONS_KEYS = readFileSync(file, "utf8").trim();
}

/**
 * anvil's public test keys #7-#9: the demo shops' receiving wallets (prisma/seed/shops.ts), so a
 * manager's refund can be sent by the app on the local chain. Only ever used against anvil.
 */
const DEMO_SHOP_WALLET_KEYS = [
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
].join(",");

async function main(): Promise<void> {
  ensureSessionSecret();
  const metricsToken = ensureMetricsToken();
  process.env.REFUND_PRIVATE_KEYS ||= DEMO_SHOP_WALLET_KEYS;
  ensureIntegrationsKeys();
  // Web Push: the tracking page's "Notify me when it's ready" needs a VAPID key pair (one per checkout, kept in .data).
  ensureVapidKeys(join(ROOT, ".data", "vapid-keys.json"));
  // Without a Slack of your own (SLACK_API_URL), alerts go to a local fake Slack the demo runs.
  const fakeSlack = process.env.SLACK_API_URL ? null : await startFakeSlack(PORT + 6410);
  if (fakeSlack) process.env.SLACK_API_URL = fakeSlack.url;
  // The same for ClickUp (CLICKUP_API_URL): tasks go to a local fake list; move one with POST /_fake/tasks/<id>/status.
  const fakeClickUp = process.env.CLICKUP_API_URL ? null : await startFakeClickUp(PORT + 6412);
  if (fakeClickUp) process.env.CLICKUP_API_URL = fakeClickUp.url;
  // A local Mastodon instance: the social posts managers approve are published there (GET …/_fake/statuses).
  const fakeMastodon = await startFakeMastodon(PORT + 6420);
  // And a local X API: the same approved posts are published there too (GET …/_fake/posts).
  const fakeX = await startFakeX(PORT + 6421);
  // And Google (GOOGLE_SHEETS_API_URL): the shops' days go to a spreadsheet on a local fake Google.
  const fakeGoogle = process.env.GOOGLE_SHEETS_API_URL ? null : await startFakeGoogle(PORT + 6414);
  if (fakeGoogle) Object.assign(process.env, { GOOGLE_SHEETS_API_URL: fakeGoogle.url, GOOGLE_OAUTH_TOKEN_URL: fakeGoogle.tokenUrl });
  // And Airtable (AIRTABLE_API_URL): the menus, options and recipes are mirrored to a base on a local fake Airtable.
  const fakeAirtable = process.env.AIRTABLE_API_URL ? null : await startFakeAirtable(PORT + 6416);
  if (fakeAirtable) process.env.AIRTABLE_API_URL = fakeAirtable.url;
  // The Telegram bot polls a local fake Bot API unless TELEGRAM_BOT_TOKEN names a real bot.
  const fakeTelegram = process.env.TELEGRAM_BOT_TOKEN ? null : await startFakeTelegram({ port: PORT + 6411 });
  if (fakeTelegram) {
    process.env.TELEGRAM_BOT_TOKEN = fakeTelegram.token;
    process.env.TELEGRAM_API_URL = fakeTelegram.url;
  }
  step("Services");
  for (const service of [postgres, kafka, anvil, mail]) {
    const before = await service.status();
    const after = await service.start();
    if (!after.ok) throw new Error(`${service.name} could not start: ${after.note ?? after.state}`);
    if (!before.ok) startedServices.push(service);
    console.log(`  ${service.name}: ${after.state} ${after.endpoint ?? ""}`);
  }

  step("Local chain contracts");
  // CREATE2: the addresses in lib/chain/deployments.local.ts on every anvil; a no-op when deployed.
  must("npx", ["tsx", "scripts/chain/deploy.ts"]);

  step("Database migrations");
  must(process.execPath, ["scripts/prisma.mjs", "migrate", "deploy"]);

  const db = createDb(env().DATABASE_URL, 4);
  if ((await db.shop.count()) === 0) {
    step("Demo data");
    const summary = await seed(db);
    console.log(`  ${JSON.stringify(summary)}`);
  }
  if (fakeSlack && (await db.integration.count()) === 0) {
    // A Slack connection to the fake, so /admin/integrations has something to show from the start.
    const { ring, slack } = integrationSettings(env());
    await connectSlack(db, ring, slack, { name: "Demo Slack (local fake)", token: "xoxb-demo-token", channel: "#coffee-ops", events: ["order.cancelled", "order.refunded", "payment.undone", "daily.summary", "agent.alert", "agent.proposal"] });
  }
  if (fakeClickUp && (await db.integration.count({ where: { kind: "CLICKUP" } })) === 0) {
    // A ClickUp list on the fake: the task manager's open tasks appear there at once.
    const { ring, clickup } = integrationSettings(env());
    await connectClickUp(db, ring, clickup, { name: "Demo ClickUp (local fake)", token: "pk_demo_token", teamId: "9012", listId: "9001" }, env().APP_URL);
  }
  if ((await db.integration.count({ where: { kind: "MASTODON" } })) === 0) {
    const { ring, mastodon } = integrationSettings(env());
    await connectMastodon(db, ring, mastodon, { name: "Demo Mastodon (local fake)", instanceUrl: fakeMastodon.url, token: "demo-mastodon-token" });
  }
  if ((await db.integration.count({ where: { kind: "X" } })) === 0) {
    const { ring, x } = integrationSettings(env());
    await connectX(db, ring, x, { name: "Demo X (local fake)", apiUrl: fakeX.url, token: "demo-x-token" });
  }
  let demoSheet: string | null = null;
  if (fakeGoogle) {
    // The fake keeps its spreadsheets in memory: each demo start connects a fresh one (yesterday's days are written at once).
    await db.integration.deleteMany({ where: { kind: "GOOGLE_SHEETS", name: DEMO_SHEETS } });
    const account = "go-coffee-demo@go-coffee-demo.iam.gserviceaccount.com";
    const key = fakeGoogle.serviceAccountKey(account);
    demoSheet = fakeGoogle.createSpreadsheet("Go Coffee: daily sales and stock", [account]).id;
    const { ring, sheets } = integrationSettings(env());
    await connectSheets(db, ring, sheets, { name: DEMO_SHEETS, spreadsheet: demoSheet, key });
  }
  let demoBase: string | null = null;
  if (fakeAirtable) {
    // Like the spreadsheet: a fresh base on each start, connected at once (the whole menu is mirrored, then each change).
    await db.integration.deleteMany({ where: { kind: "AIRTABLE", name: DEMO_AIRTABLE } });
    demoBase = fakeAirtable.createBase("Go Coffee: menu and recipes").id;
    const { ring, airtable } = integrationSettings(env());
    await connectAirtable(db, ring, airtable, { name: DEMO_AIRTABLE, base: demoBase, token: fakeAirtable.token([demoBase]) });
  }
  await seedTreasuryDesk(db);
  await db.$disconnect();

  if (buildStaleness(ROOT)) {
    step("Production build");
    must("npx", ["next", "build"]);
  }

  step("App and workers");
  const appUrl = `http://localhost:${PORT}`;
  // Spawned as node directly (not through npx) so a signal reaches the server itself.
  children.push(spawnLogged("app", process.execPath, [...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-p", String(PORT)], { ...process.env, NEXT_TELEMETRY_DISABLED: "1", APP_URL: appUrl }));
  children.push(spawnLogged("workers", process.execPath, ["--import", "tsx", "workers/index.ts"], process.env));
  console.log(`  logs: readable here, in full (JSON lines) in ${join(".data", "logs")}/app.log and workers.log`);

  await waitForHealth(`${appUrl}/api/health`);
  console.log(`
Go Coffee is running.
  Shop        ${appUrl}
  Health      ${appUrl}/api/health
  Metrics     curl -H "Authorization: Bearer ${metricsToken}" ${appUrl}/api/metrics
  Treasury    ${appUrl}/admin/treasury  (admin: a paper and a live bot trading a seeded WETH/USDC gap between Uniswap V3 and V2; a lending proposal)
  Mail        ${mail.mailConfig().inboxUrl}  (every mail the demo sends: invitations, email confirmations, receipts, alert mails)
  Slack       ${fakeSlack ? `${fakeSlack.url.replace(/api\/$/, "")}_fake/messages  (what the local fake Slack received; connections at ${appUrl}/admin/integrations)` : `${process.env.SLACK_API_URL} (connections at ${appUrl}/admin/integrations)`}
  Mastodon    ${fakeMastodon.url}/_fake/statuses  (social posts approved on a shop's Social screen, as the local fake instance published them)
  X           ${fakeX.url}/_fake/posts  (the same posts as the local fake X API got them, cut to 280; their x.com links lead nowhere)
  Sheets      ${fakeGoogle && demoSheet ? `${fakeGoogle.url}_fake/spreadsheets/${demoSheet}  (each shop's day, written by the integrations worker after the shop's midnight)` : `${process.env.GOOGLE_SHEETS_API_URL} (connections at ${appUrl}/admin/integrations)`}
  Airtable    ${fakeAirtable && demoBase ? `${fakeAirtable.url}/_fake/bases/${demoBase}  (the menus, options and recipes, mirrored again on every menu change)` : `${process.env.AIRTABLE_API_URL} (connections at ${appUrl}/admin/integrations)`}
  ClickUp     ${fakeClickUp ? `${fakeClickUp.url.replace(/api\/v2\/$/, "")}_fake/tasks  (the shops' tasks in the local fake list; move one: POST …/_fake/tasks/<id>/status {"status":"complete","email":"manager@gocoffee.test"})` : `${process.env.CLICKUP_API_URL} (connections at ${appUrl}/admin/integrations)`}
  Telegram    ${fakeTelegram ? `local fake Bot API at ${fakeTelegram.url} (what the bot sent: ${fakeTelegram.url}/_fake/sent); set TELEGRAM_BOT_TOKEN to talk to a real bot` : "your bot (TELEGRAM_BOT_TOKEN): send it /menu"}
  Workers     health and metrics on http://127.0.0.1:${env().WORKER_HTTP_PORT}/ (one port per worker, counting up)
  Logs        .data/logs/app.log, .data/logs/workers.log (JSON lines)

Demo accounts:
${DEMO_ACCOUNTS.map((a) => `  ${a.role.padEnd(9)} ${a.email.padEnd(26)} ${a.password}`).join("\n")}

Press Ctrl-C to stop everything.`);
}

/**
 * The treasury desk's demo: running bots — arbitrage paper and live, DCA ($100 of WETH every 15 minutes) and
 * rebalancing (the treasury's USDC share kept at 70 % ± 5, checked hourly, $5,000 at most), and a stablecoin mix (USDC/USDT/DAI 60/20/20 ± 2, paper) — both venues reset to 3000, then a whale's sale on Uniswap V2 that opens a WETH/USDC
 * gap for the trading worker to find on its first block.
 */
async function seedTreasuryDesk(db: Db): Promise<void> {
  step("Treasury desk");
  const venues = localWethUsdc();
  await treasuryControl(db, venues);
  await db.tradingBot.upsert({ where: { name: "demo-arb-paper" }, create: { name: "demo-arb-paper", strategy: "cross-venue-arbitrage", mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 2_000_000 }, update: {} });
  // A live one beside it: both legs through the executor from the local treasury account (chain 31337 only).
  await db.tradingBot.upsert({ where: { name: "demo-arb-live" }, create: { name: "demo-arb-live", strategy: "cross-venue-arbitrage", mode: "LIVE", status: "RUNNING", maxTradeUsdCents: 500_000 }, update: {} });
  await db.tradingBot.upsert({
    where: { name: "demo-dca-paper" },
    create: { name: "demo-dca-paper", strategy: DCA, mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 10_000, dcaAmountUsdCents: 10_000, dcaSide: "buy", everySeconds: 900 },
    update: {},
  });
  await db.tradingBot.upsert({
    where: { name: "demo-rebalance-paper" },
    create: { name: "demo-rebalance-paper", strategy: REBALANCE, mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 500_000, targetUsdcBps: 7_000, bandBps: 500, everySeconds: 3600 },
    update: {},
  });
  // The stablecoin mix: 60 % USDC, 20 % USDT, 20 % DAI ± 2, checked hourly, $2,000 at most a swap.
  await db.tradingBot.upsert({
    where: { name: "demo-stables-paper" },
    create: { name: "demo-stables-paper", strategy: STABLE_MIX, mode: "PAPER", status: "RUNNING", maxTradeUsdCents: 200_000, stableMix: { USDC: 6_000, USDT: 2_000, DAI: 2_000 }, bandBps: 200, everySeconds: 3600 },
    update: {},
  });
  // A month's crypto revenue in the treasury: the cash policy (14 days of $500) proposes lending the rest.
  const treasury = treasuryAccount(venues.chainId).address;
  const held = await publicClientFor(venues.chainId).readContract({ address: venues.usdc, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  if (held < 25_000_000_000n) await mintUsdc(env().CHAIN_RPC_URL, treasury, 25_000_000_000n - held);
  // Some of it paid in USDT (customers pay in USDT too): the stablecoin-mix bot has a mix to steer.
  const usdt = localDeployment.contracts.USDT;
  const heldUsdt = await publicClientFor(venues.chainId).readContract({ address: usdt, abi: erc20Abi, functionName: "balanceOf", args: [treasury] });
  if (heldUsdt < 2_000_000_000n) await mintTestToken(env().CHAIN_RPC_URL, usdt, treasury, 2_000_000_000n - heldUsdt);
  // Both venues back at 3000 (whatever an earlier demo left), then the gap the desk will find.
  await restorePrices(env().CHAIN_RPC_URL);
  const gap = await openPriceGap(env().CHAIN_RPC_URL, parseEther("8"));
  console.log(`  a whale sold 8 WETH on Uniswap V2 at block ${gap.block}: V2 now quotes ETH below V3`);
  console.log("  bots demo-arb-paper and demo-arb-live (arbitrage, paper and live), demo-dca-paper ($100 of WETH every 15 minutes), demo-rebalance-paper (70 % USDC ± 5) and demo-stables-paper (USDC/USDT/DAI 60/20/20 ± 2) are running");
  console.log("  the treasury holds 25,000 USDC and 2,000 USDT: the Lending section proposes lending what is above 14 days of cash");
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the app did not become healthy at ${url} within 60 s`);
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping…");
  await Promise.all(
    children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    })),
  );
  for (const service of startedServices.reverse()) await service.stop().catch(() => undefined);
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  void shutdown(1);
});
