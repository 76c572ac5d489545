import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Three projects: `unit` (pure logic, *.test.ts, runs in parallel, touches nothing),
 * `integration` (*.int.test.ts, against the real PostgreSQL, Kafka and anvil; one database and
 * one topic prefix per run, created by the global setup; files run one at a time) and `faults`
 * (*.fault.test.ts: workers as child processes killed / Kafka stopped; each test makes its own
 * database, topic prefix and, when it stops Kafka, its own private broker).
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{lib,app,components,workers,scripts,prisma}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts", "**/*.fault.test.ts", "**/*.deploy.test.ts", "**/node_modules/**"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,app,workers,scripts,prisma,contracts}/**/*.int.test.ts"],
          globalSetup: ["scripts/testing/integration-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: "faults",
          include: ["**/*.fault.test.ts"],
          globalSetup: ["scripts/testing/faults/setup.ts"],
          fileParallelism: false,
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        // Operations checks (npm test's "deploy" step, scripts/check-deploy.ts): manifests, alert
        // rules, dashboards, tracing, backups. The tools they call are installed by the step.
        test: { name: "deploy", include: ["{infra,scripts,lib}/**/*.deploy.test.ts"], fileParallelism: false, testTimeout: 180_000, hookTimeout: 300_000 },
      },
    ],
  },
});
