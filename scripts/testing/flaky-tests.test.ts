import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { flakyTests } from "./flaky-tests";

const spec = (title: string, line: number, tests: { projectName: string; status: string }[]) => ({ title, file: "order.spec.ts", line, column: 1, ok: true, tags: [], id: title, tests });

describe("flakyTests", () => {
  it("lists the tests that passed only on a retry, with project, place and describe titles", () => {
    const file = join(mkdtempSync(join(tmpdir(), "flaky-")), "report.json");
    writeFileSync(
      file,
      JSON.stringify({
        suites: [
          {
            title: "order.spec.ts",
            file: "order.spec.ts",
            line: 0,
            column: 0,
            specs: [spec("places an order", 10, [{ projectName: "desktop", status: "expected" }, { projectName: "phone", status: "flaky" }])],
            suites: [{ title: "tracking", file: "order.spec.ts", line: 20, column: 1, specs: [spec("follows the status live", 22, [{ projectName: "desktop", status: "flaky" }, { projectName: "phone", status: "unexpected" }])] }],
          },
        ],
      }),
    );
    expect(flakyTests(file)).toEqual(["[phone] order.spec.ts:10 › places an order", "[desktop] order.spec.ts:22 › tracking › follows the status live"]);
  });

  it("lists nothing when Playwright wrote no report", () => {
    expect(flakyTests(join(tmpdir(), "no-such-report.json"))).toEqual([]);
  });
});
