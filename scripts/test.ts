import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import * as anvil from "./infra/anvil";
import * as chromium from "./infra/chromium";
import * as kafka from "./infra/kafka";
import * as mail from "./infra/mail";
import * as postgres from "./infra/postgres";
import { ensureTools } from "./ops/tools";
import { vapidEnv } from "./vapid-keys";
import { DATA_DIR } from "./infra/process";
import { flakyTests } from "./testing/flaky-tests";
import { serverLogExcerpt } from "./testing/server-logs";
import { endProcessTree } from "./testing/process-tree";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "./testing/run-database";
import { hasTestBuild, TEST_DIST_DIR } from "./testing/stack";

/**
 * `npm test`: every check, in the order a failure is cheapest to find:
 *   typecheck and lint (side by side) → unit → integration (real Postgres, Kafka, anvil) → faults (workers killed,
 *   Kafka stopped) → e2e (production build, real workers, Chromium) → deploy (operations checks:
 *   Kubernetes manifests, alert rules and dashboards, Alertmanager, Prometheus scraping, tracing,
 *   the restore drill; docs/operations.md). The container images are checked by
 *   `npm run check:images`, not here (docs/operations.md says why).
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

const STEPS = ["typecheck", "lint", "unit", "integration", "faults", "e2e", "deploy"] as const;
type Step = (typeof STEPS)[number];
/**
 * Steps that run side by side: the type checker and ESLint each keep one core busy and share
 * nothing (a clean-clone run on a slow day: typecheck 78 s and lint 50 s together, done in 78 s;
 * typecheck alone took 57 s that day, so the pair saves about 30 s, not the whole of lint).
 */
const SIDE_BY_SIDE: readonly Step[] = ["typecheck", "lint"];

/** The steps in order, those of SIDE_BY_SIDE that were both asked for in one group. */
function stepGroups(steps: readonly Step[]): Step[][] {
  const together = steps.filter((s) => SIDE_BY_SIDE.includes(s));
  return steps.flatMap((s): Step[][] => (together.length > 1 && together.includes(s) ? (s === together[0] ? [together] : []) : [[s]]));
}

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
  await services(postgres, kafka, anvil, mail, chromium);
  const deployed = await deployContracts();
  if (deployed !== 0) return deployed;
  const resources = runResources("e2e");
  await createMigratedDatabase(resources.databaseUrl);
  try {
    // The build sees the run's real settings, secrets included: e2e/bundle-secrets.api.spec.ts
    // then checks that none of them reached the client bundles.
    const env = {
      // Its own build folder: a demo serving .next keeps running while tests build.
      NEXT_DIST_DIR: TEST_DIST_DIR,
      DATABASE_URL: resources.databaseUrl,
      KAFKA_TOPIC_PREFIX: resources.topicPrefix,
      REDIS_KEY_PREFIX: `gocoffee:${resources.topicPrefix}`,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
      METRICS_TOKEN: randomBytes(24).toString("base64url"),
      // `next start` is production: integration credentials need a key of the run's own.
      INTEGRATIONS_KEYS: `e2e:${randomBytes(32).toString("base64")}`,
      // Web Push on: the run's own VAPID key pair (e2e/push-notifications.spec.ts).
      ...vapidEnv(),
      // Sessions re-read their user every 2 s, not every minute: e2e/sessions.spec.ts waits for a revocation to land.
      SESSION_REFRESH_SECONDS: "2",
      LOG_LEVEL: "warn",
      // The suite places hundreds of orders from one address (127.0.0.1) and API clients without
      // cookies, so its server runs with wide placement limits; e2e/attacker.api.spec.ts starts an
      // instance of its own with the real defaults and floods that one.
      ORDER_LIMIT_GUEST_PER_MINUTE: "5000",
      ORDER_LIMIT_IP_PER_MINUTE: "5000",
      ORDER_LIMIT_USER_PER_MINUTE: "5000",
      GUEST_OPEN_ORDERS_MAX: "5000",
      // Orders for later are released within half a second of their fire time (e2e/order-later.spec.ts).
      SCHEDULE_POLL_MS: "500",
      // The processor's linger batches placements under load (docs/performance.md); idle, it has the
      // broker answer an empty fetch every 20 ms. The suite is never under load and shares two cores.
      PROCESSOR_LINGER_MS: "0",
    };
    // E2E_REUSE_BUILD=1 (while working on specs only): keep the last e2e build instead of rebuilding.
    if (process.env.E2E_REUSE_BUILD === "1" && existsSync(".next-test/BUILD_ID")) console.log("e2e: reusing the build in .next-test (E2E_REUSE_BUILD=1)");
    else {
      const build = await run("npx", ["next", "build"], env);
      if (build !== 0) return build;
    }
    builtThisRun = true;
    const seeded = await run("npx", ["tsx", "prisma/seed.ts"], env);
    if (seeded !== 0) return seeded;
    // WALLET_TEST_CONNECTOR: the "Test wallet" (mock connector, anvil account #0) for e2e/siwe.spec.ts.
    // Ports can be moved (E2E_PORT, E2E_WORKER_PORT) so two checkouts can run e2e side by side.
    const port = process.env.E2E_PORT ?? "3100";
    const workerPort = process.env.E2E_WORKER_PORT ?? "9564";
    // A JSON report of its own per run (playwright.config.ts), read for the tests that passed only on a retry.
    const report = join(DATA_DIR, `e2e-report-${resources.topicPrefix}.json`);
    // The app's and the workers' output, kept until the next run (printed below when a test failed).
    const logDir = join(DATA_DIR, "e2e-logs");
    rmSync(logDir, { recursive: true, force: true });
    mkdirSync(logDir, { recursive: true });
    try {
      const code = await run("npx", ["playwright", "test", ...passThrough], { ...env, E2E_PORT: port, APP_URL: `http://127.0.0.1:${port}`, WALLET_TEST_CONNECTOR: "true", WORKER_HTTP_PORT: workerPort, CHROMIUM_PATH: chromium.chromiumPath(), CHROMIUM_FULL_PATH: chromium.chromiumFullPath(), E2E_JSON_REPORT: report, E2E_LOG_DIR: logDir });
      const flakyNow = flakyTests(report);
      flaky.push(...flakyNow);
      if (code !== 0 || flakyNow.length > 0) {
        for (const [name, whose] of [["app", "the app's"], ["workers", "the workers'"]] as const) {
          const excerpt = serverLogExcerpt(join(logDir, `${name}.log`));
          console.log(`\ne2e: ${whose} last warnings and errors (${join(logDir, `${name}.log`)}):${excerpt.length === 0 ? " none" : ""}`);
          for (const line of excerpt) console.log(`  ${line}`);
        }
      }
      return code;
    } finally {
      rmSync(report, { force: true });
    }
  } finally {
    await dropRunDatabase(resources.databaseUrl);
    await deleteRunTopics(resources.topicPrefix);
  }
}

/** Set once e2e has built .next-test in this run, so the deploy step reuses that build. */
let builtThisRun = false;

async function deploy(): Promise<number> {
  ensureTools("kubectl", "promtool", "amtool", "prometheus", "prometheus-alertmanager", "pg_dump", "pg_restore");
  await services(postgres, kafka, anvil);
  const deployed = await deployContracts();
  if (deployed !== 0) return deployed;
  // The running-product checks start `next start` on the test build.
  if (!builtThisRun || !hasTestBuild()) {
    const build = await run("npx", ["next", "build"], { NEXT_DIST_DIR: TEST_DIST_DIR, LOG_LEVEL: "warn" });
    if (build !== 0) return build;
  }
  return run("npx", ["vitest", "run", "--project", "deploy"]);
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
  deploy,
};

async function main(): Promise<void> {
  const requested = process.argv.slice(2, process.argv.includes("--") ? process.argv.indexOf("--") : undefined);
  const unknown = requested.filter((s) => !(STEPS as readonly string[]).includes(s));
  if (unknown.length > 0) throw new Error(`unknown step(s) ${unknown.join(", ")}; steps: ${STEPS.join(", ")}`);
  const steps = requested.length > 0 ? STEPS.filter((s) => requested.includes(s)) : STEPS;

  const results: { step: Step; ok: boolean; seconds: number }[] = [];
  const runStep = async (step: Step) => {
    const started = Date.now();
    console.log(`\n▶ ${step}`);
    const code = await actions[step]().catch((error: unknown) => {
      console.error(`${step}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    });
    results.push({ step, ok: code === 0, seconds: Math.round((Date.now() - started) / 1000) });
    return code;
  };
  for (const group of stepGroups(steps)) {
    if (interrupted) break;
    const codes = await Promise.all(group.map(runStep));
    if (codes.some((code) => code !== 0)) break;
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
