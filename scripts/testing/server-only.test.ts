import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";

/**
 * `import "server-only"` in the database and configuration modules must not stop the code Next
 * does not bundle: workers and scripts (plain Node with tsx) and these tests (vitest). There the
 * name resolves to lib/server-only/, which is empty. (In Next builds the name is Next's own: a
 * client component that reaches such a module fails the build; docs/architecture.md.)
 */
describe("server-only outside Next", () => {
  it("marks the database and configuration modules", () => {
    for (const file of ["lib/db/index.ts", "lib/db/client.ts", "lib/env/index.ts", "lib/payments/service.ts"]) {
      expect(readFileSync(file, "utf8")).toMatch(/^import "server-only";$/m);
    }
  });

  it("resolves to the empty local package, not npm's throwing one", () => {
    expect(createRequire(import.meta.url).resolve("server-only")).toMatch(/lib\/server-only\/index\.js$/);
  });

  it("lets a worker-style process load the database and configuration modules under tsx", () => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "-e", `const { db } = await import("./lib/db/index.ts"); const { env } = await import("./lib/env/index.ts"); console.log(typeof db, env().KAFKA_BROKERS.length > 0);`], {
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    expect(out.trim()).toBe("function true");
  });
});
