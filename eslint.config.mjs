import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Configuration is read once, validated, in lib/env (and Next's own NEXT_RUNTIME check).
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from @/lib/env." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Entry points and tooling that must read the environment before lib/env exists or to pass it on.
    files: ["lib/env/**", "scripts/**", "prisma.config.ts", "next.config.mjs", "playwright.config.ts", "vitest.config.ts", "instrumentation.ts", "workers/index.ts", "e2e/**", "**/*.int.test.ts", "**/*.deploy.test.ts", "infra/**"],
    rules: { "no-restricted-properties": "off" },
  },
  globalIgnores([".next/**", ".next-*/**", "node_modules/**", ".cache/**", ".data/**", "lib/db/generated/**", "contracts/artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
