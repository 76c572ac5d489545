import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

/**
 * Two projects: `unit` (pure logic, *.test.ts, runs in parallel, touches nothing) and
 * `integration` (*.int.test.ts, against the real PostgreSQL, Kafka and anvil; one database and
 * one topic prefix per run, created by the global setup; files run one at a time).
 */
export default defineConfig({
  resolve: { alias: { "@": root } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["{lib,app,components,workers,scripts,prisma}/**/*.test.{ts,tsx}"], exclude: ["**/*.int.test.ts", "**/node_modules/**"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,app,workers,scripts,prisma}/**/*.int.test.ts"],
          globalSetup: ["scripts/testing/integration-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
