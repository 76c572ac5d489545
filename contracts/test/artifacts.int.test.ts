import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compile, renderOutputs } from "@/scripts/contracts/compile";

describe("compiled contracts", () => {
  it("committed artifacts and lib/chain/abis.generated.ts match a fresh solcjs compile", () => {
    const stale = Object.entries(renderOutputs(compile()))
      .filter(([path, content]) => !existsSync(path) || readFileSync(path, "utf8") !== content)
      .map(([path]) => relative(process.cwd(), path));
    expect(stale, "run npm run contracts:compile").toEqual([]);
  }, 60_000);
});
