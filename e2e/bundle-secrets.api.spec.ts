import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { findSecrets, serverOnlyNames } from "../scripts/testing/bundle-secrets";

/**
 * No secret reaches the browser: the production build this run serves (built by scripts/test.ts
 * with the run's real secrets) has no server-only variable name or secret value in its client
 * files. scripts/testing/bundle-secrets.test.ts shows the check finds them when they are there.
 */
test("the client bundles hold no server-only setting", () => {
  const distDir = process.env.NEXT_DIST_DIR ?? ".next";
  const secrets = [process.env.NEXTAUTH_SECRET, process.env.DATABASE_URL, process.env.REDIS_URL, process.env.INTEGRATIONS_KEYS?.split(":")[1]].filter((v): v is string => !!v);
  expect(secrets.length, "the run sets its secrets").toBeGreaterThanOrEqual(2);
  const findings = findSecrets(join(distDir, "static"), { names: serverOnlyNames(), values: secrets });
  expect(findings).toEqual([]);
});
