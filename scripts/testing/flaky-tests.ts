import { existsSync, readFileSync } from "node:fs";
import type { JSONReport, JSONReportSuite } from "@playwright/test/reporter";

/**
 * The tests of a Playwright JSON report that failed and then passed on a retry ("flaky"), as
 * "[project] file:line › describe › title". Playwright retries once in CI, so without this list a
 * flaky test passes unseen. A missing report (Playwright never ran) lists nothing.
 */
export function flakyTests(reportFile: string): string[] {
  if (!existsSync(reportFile)) return [];
  const report = JSON.parse(readFileSync(reportFile, "utf8")) as Pick<JSONReport, "suites">;
  const flaky: string[] = [];
  const walk = (suite: JSONReportSuite, titles: readonly string[]) => {
    // A file's own suite is titled with its path: not a describe block.
    const path = suite.title === suite.file ? titles : [...titles, suite.title];
    for (const spec of suite.specs) {
      for (const test of spec.tests) {
        if (test.status === "flaky") flaky.push(`[${test.projectName}] ${spec.file}:${spec.line} › ${[...path, spec.title].join(" › ")}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, path);
  };
  for (const suite of report.suites) walk(suite, []);
  return flaky;
}
