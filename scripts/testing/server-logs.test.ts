import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isWarningOrError, serverLogExcerpt } from "./server-logs";

describe("server log excerpts for failed e2e runs", () => {
  it("keeps pino lines at warn and above, and plain lines that name an error", () => {
    expect(isWarningOrError(JSON.stringify({ level: 30, msg: "order queued" }))).toBe(false);
    expect(isWarningOrError(JSON.stringify({ level: 40, msg: "event handling failed, retrying" }))).toBe(true);
    expect(isWarningOrError(JSON.stringify({ level: 50, msg: "boom" }))).toBe(true);
    expect(isWarningOrError(" ⨯ Error: connect ECONNREFUSED")).toBe(true);
    expect(isWarningOrError("   ▲ Next.js 16 - Local: http://127.0.0.1:3100")).toBe(false);
    expect(isWarningOrError("")).toBe(false);
  });

  it("returns the last lines that matter, shortened, and nothing for a missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "server-logs-"));
    const file = join(dir, "workers.log");
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ level: i % 2 === 0 ? 40 : 30, msg: `line ${i}`, pad: "x".repeat(i === 48 ? 700 : 0) }));
    writeFileSync(file, lines.join("\n"));
    const excerpt = serverLogExcerpt(file, 3);
    expect(excerpt).toHaveLength(3);
    expect(excerpt[0]).toContain("line 44");
    expect(excerpt[1]).toContain("line 46");
    expect(excerpt[2]).toContain("line 48");
    expect(excerpt[2]!.endsWith("…")).toBe(true);
    expect(serverLogExcerpt(join(dir, "absent.log"))).toEqual([]);
  });
});
