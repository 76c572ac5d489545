import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { layersPlugin } from "./scripts/lint/layers.mjs";

/** An import of one of the named top-level folders, by alias or by relative path. */
const layerImport = (folders, message) => ({ patterns: [{ regex: `^(@/|(\\.\\./)+)(${folders.join("|")})(/|$)`, message }] });

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
  // The layers (docs/architecture.md, "Where things go"): lib/ is shared by the app and the
  // workers, so it imports neither; workers run without Next; client components get no server code.
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", layerImport(["app", "components", "workers"], "lib/ is shared by the app and the workers: it never imports app/, components/ or workers/ (move what both need into lib/).")] },
  },
  {
    // Accounts and the authorization check come before shops: lib/shops uses them, never the other way.
    files: ["lib/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...layerImport(["app", "components", "workers"], "lib/ is shared by the app and the workers: it never imports app/, components/ or workers/ (move what both need into lib/).").patterns,
            { regex: "^(@/lib/shops|\\.\\./shops)(/|$)", message: "lib/auth never imports lib/shops (shop access lives in lib/shops/access.ts, which uses lib/auth)." },
          ],
        },
      ],
    },
  },
  {
    files: ["workers/**"],
    rules: { "no-restricted-imports": ["error", layerImport(["app", "components"], "Workers run without Next: they import lib/, never app/ or components/.")] },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    plugins: { layers: layersPlugin },
    rules: { "layers/client-imports": "error" },
  },
  {
    // Entry points and tooling that must read the environment before lib/env exists or to pass it on.
    files: ["lib/env/**", "scripts/**", "prisma.config.ts", "next.config.mjs", "playwright.config.ts", "vitest.config.ts", "instrumentation.ts", "workers/index.ts", "e2e/**", "**/*.int.test.ts", "**/*.deploy.test.ts", "infra/**"],
    rules: { "no-restricted-properties": "off" },
  },
  globalIgnores([".next/**", ".next-*/**", "node_modules/**", ".cache/**", ".data/**", "lib/db/generated/**", "contracts/artifacts/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
