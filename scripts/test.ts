import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import * as anvil from "./infra/anvil";
import * as chromium from "./infra/chromium";
import * as kafka from "./infra/kafka";
import * as postgres from "./infra/postgres";
import { DATA_DIR } from "./infra/process";
import { flakyTests } from "./testing/flaky-tests";
import { endProcessTree } from "./testing/process-tree";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "./testing/run-database";

/**
 * `npm test`: every check, in the order a failure is cheapest to find:
 *   typecheck → lint → unit → integration (real Postgres, Kafka, anvil) → faults (workers killed,
 *   Kafka stopped) → e2e (production build, real workers, Chromium).
 *   `tsx scripts/test.ts unit integration` runs just those steps.
 * Services are started as needed (and left running for the next run; `npm run infra:down` stops
 * them). Every run works in its own databases and topic prefixes.
 *
 * Every other process a step starts ends with the driver: on SIGTERM/SIGINT the driver ends the
 * whole tree below each running step (Playwright's web servers, the workers' supervisor and its
 * workers included, though they sit in process groups of their own), lets the step clean up its
 * run database, and exits. Tests that passed only on a retry (Playwright retries once in CI) are
 * listed at the end, so a flaky test is seen.
 */

const STEPS = ["typecheck", "lint", "unit", "integration", "faults", "e2e"] as const;
type Step = (typeof STEPS)[number];

/** The steps' processes that still run; each is ended with its whole tree when the driver is stopped. */
const children = new Set<ChildProcess>();
/** The signal that stopped the run, once one did: no further process or step starts. */
let interrupted: NodeJS.Signals | undefined;

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  if (interrupted) return Promise.resolve(1);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Ends every running step's process tree (SIGTERM, then SIGKILL after a grace period). */
async function endChildren(graceMs: number): Promise<void> {
  await Promise.all([...children].map((child) => (child.pid ? endProcessTree(child.pid, { includeRoot: true, graceMs }) : undefined)));
}

function onSignal(signal: NodeJS.Signals): void {
  if (interrupted) return;
  interrupted = signal;
  console.error(`\n${signal}: stopping every process the tests started…`);
  // The running step then returns and cleans up after itself (its run database and topics); a
  // driver stuck in a service start-up still exits in time.
  void endChildren(10_000);
  setTimeout(() => process.exit(128 + constants.signals[signal]), 60_000).unref();
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

/** Flaky tests seen in this run, for the summary. */
const flaky: string[] = [];

async function services(...modules: { name: string; start(): Promise<{ ok: boolean; state: string; note?: string }> }[]): Promise<void> {
  for (const m of modules) {
    const s = await m.start();
    if (!s.ok) throw new Error(`${m.name} is ${s.state}${s.note ? ` (${s.note})` : ""}`);
  }
}

/** Arguments after `--` go to Playwright (e.g. `tsx scripts/test.ts e2e -- e2e/order.spec.ts`). */
const passThrough = process.argv.includes("--") ? process.argv.slice(process.argv.indexOf("--") + 1) : [];

/** The local-chain contracts (CREATE2: same addresses every time, a no-op when present). */
const deployContracts = () => run("npx", ["tsx", "scripts/chain/deploy.ts"]);

async function e2e(): Promise<number> {
  await services(postgres, kafka, anvil, chromium);
  const deployed = await deployContracts();
  if (deployed !== 0) return deployed;
  const resources = runResources("e2e");
  await createMigratedDatabase(resources.databaseUrl);
  try {
    // The build sees the run's real settings, secrets included: e2e/bundle-secrets.api.spec.ts
    // then checks that none of them reached the client bundles.
    const env = {
      // Its own build folder: a demo serving .next keeps running while tests build.
      NEXT_DIST_DIR: ".next-test",
      DATABASE_URL: resources.databaseUrl,
      KAFKA_TOPIC_PREFIX: resources.topicPrefix,
      REDIS_KEY_PREFIX: `gocoffee:${resources.topicPrefix}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      LOG_LEVEL: "warn",
    };
    const build = await run("npx", ["next", "build"], env);
    if (build !== 0) return build;
    const seeded = await run("npx", ["tsx", "prisma/seed.ts"], env);
    if (seeded !== 0) return seeded;
    // WALLET_TEST_CONNECTOR: the "Test wallet" (mock connector, anvil account #0) for e2e/siwe.spec.ts.
    // Ports can be moved (E2E_PORT, E2E_WORKER_PORT) so two checkouts can run e2e side by side.
    const port = process.env.E2E_PORT ?? "3100";
    const workerPort = process.env.E2E_WORKER_PORT ?? "9564";
    // A JSON report of its own per run (playwright.config.ts), read for the tests that passed only on a retry.
    const report = join(DATA_DIR, `e2e-report-${resources.topicPrefix}.json`);
    try {
      const code = await run("npx", ["playwright", "test", ...passThrough], { ...env, E2E_PORT: port, APP_URL: `http://127.0.0.1:${port}`, WALLET_TEST_CONNECTOR: "true", WORKER_HTTP_PORT: workerPort, CHROMIUM_PATH: chromium.chromiumPath(), E2E_JSON_REPORT: report });
      flaky.push(...flakyTests(report));
      return code;
    } finally {
      rmSync(report, { force: true });
    }
  } finally {
    await dropRunDatabase(resources.databaseUrl);
    await deleteRunTopics(resources.topicPrefix);
  }
}

const actions: Record<Step, () => Promise<number>> = {
  typecheck: () => run("npx", ["tsc", "--noEmit", "-p", "."]),
  lint: () => run("npx", ["eslint", "--max-warnings", "0", "."]),
  unit: () => run("npx", ["vitest", "run", "--project", "unit"]),
  integration: async () => {
    await services(postgres, kafka, anvil);
    return run("npx", ["vitest", "run", "--project", "integration"]);
  },
  faults: async () => {
    await services(postgres, kafka);
    return run("npx", ["vitest", "run", "--project", "faults"]);
  },
  e2e,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2, process.argv.includes("--") ? process.argv.indexOf("--") : undefined);
  const unknown = requested.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown step(s) ${unknown.join(", ")}; steps: ${STEPS.join(", ")}`);
  const steps = requested.length > 0 ? STEPS.filter((s) => requested.includes(s)) : STEPS;

  const results: { step: Step; ok: boolean; seconds: number }[] = [];
  for (const step of steps) {
    if (interrupted) break;
    const started = Date.now();
    console.log(`\n▶ ${step}`);
    const code = await actions[step]().catch((error: unknown) => {
      console.error(`${step}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    });
    results.push({ step, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
    if (code !== 0) break;
  }

  // Nothing a step started outlives the run (a step that failed half-way included).
  await endChildren(5_000);
  console.log("\nSummary");
  for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.step.padEnd(12)} ${r.seconds}s`);
  if (flaky.length > 0) {
    console.log(`\nFlaky: ${flaky.length} test(s) failed, then passed on a retry. Fix them:`);
    for (const test of flaky) console.log(`  ~ ${test}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
  if (interrupted) process.exit(128 + constants.signals[interrupted]);
  process.exit(failed === 0 && results.length === steps.length ? 0 : 1);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  await endChildren(5_000);
  process.exit(1);
});
