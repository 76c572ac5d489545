import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * axe-core on the page as it stands: no serious or critical violation of the WCAG 2.x A and AA
 * rules. Soft, so one run reports every screen that fails, each with its elements and colours.
 */
export async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => {
    // One line per distinct failure (colour pair, missing name…), with the first element that has it.
    const distinct = new Map<string, string>();
    for (const n of v.nodes) {
      const why = (n.failureSummary ?? "").replace(/^Fix (any|all) of the following:\s*/, "").split(". Expected")[0]!;
      if (!distinct.has(why)) distinct.set(why, n.target.join(" "));
    }
    return `${v.id} (${v.impact}): ${v.nodes.length} × ${[...distinct].map(([why, target]) => `${target}: ${why}`).join(" | ")}`;
  });
  expect.soft(report, `axe on ${what}`).toEqual([]);
}
