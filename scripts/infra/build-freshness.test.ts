import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildStaleness } from "./build-freshness";

function checkout(): string {
  const root = mkdtempSync(join(tmpdir(), "freshness-"));
  mkdirSync(join(root, "lib", "db", "generated"), { recursive: true });
  mkdirSync(join(root, "app"));
  writeFileSync(join(root, "app", "page.tsx"), "");
  writeFileSync(join(root, "lib", "x.ts"), "");
  return root;
}

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

describe("buildStaleness", () => {
  it("says there is no build", () => {
    expect(buildStaleness(checkout())).toBe("no build in .next");
  });

  it("is null when the build is newer than every source, and names the file that changed after it", () => {
    const root = checkout();
    mkdirSync(join(root, ".next"));
    writeFileSync(join(root, ".next", "BUILD_ID"), "x");
    for (const p of ["app/page.tsx", "app", "lib/x.ts", "lib/db/generated", "lib/db", "lib"]) at(join(root, p), 1_000);
    at(join(root, ".next", "BUILD_ID"), 2_000);
    expect(buildStaleness(root)).toBeNull();

    // prisma generate rewrites lib/db/generated on install: not a reason to rebuild.
    writeFileSync(join(root, "lib", "db", "generated", "client.ts"), "");
    at(join(root, "lib", "db", "generated", "client.ts"), 3_000);
    expect(buildStaleness(root)).toBeNull();

    at(join(root, "lib", "x.ts"), 3_000);
    expect(buildStaleness(root)).toBe("lib/x.ts changed after the build in .next");
  });
});
