import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { clearWaitingDrinks } from "./support/db";

/**
 * The beverage inventor, end to end: a manager presses "Suggest a new drink" on the Agents page;
 * the request goes through the outbox and Kafka to the inventor worker, which proposes a seasonal
 * drink made of what Chicago stocks, costed from the suppliers' pack prices and priced at the
 * shop's margin (rules: no language model here). The manager reads its recipe, cost, price and
 * margin, is told a second request must wait, and approves it.
 */

const SHOP = "chicago-loop";
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 45_000 };

test("a manager asks for a new drink, reads its recipe, cost, price and margin, and approves it", async ({ page }) => {
  await clearWaitingDrinks(SHOP);
  await page.goto(`/manager/${SHOP}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const waiting = page.getByRole("region", { name: "Waiting for you" });
  await expect(waiting).toBeVisible(SLOW);

  await waiting.getByRole("button", { name: "Suggest a new drink" }).click();
  await expect(waiting.getByRole("status")).toContainText("Asked the beverage inventor");

  // The worker answers through Kafka; the page refreshes itself for a while (and we reload to be sure).
  const proposal = waiting.getByRole("listitem").filter({ hasText: /^New drink: / });
  await expect(async () => {
    if (!(await proposal.isVisible())) await page.reload();
    await expect(proposal).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const title = (await proposal.locator("p").first().innerText()).trim();
  const [, name, price] = /^New drink: (.+) at (\$\d+\.\d\d)$/.exec(title) ?? [];
  expect(name, title).toBeTruthy();

  // The recipe in real units, each line costed; the cost, the suggested price and the margin.
  const recipe = proposal.getByRole("table", { name: `Recipe of ${name}` });
  await expect(recipe.getByRole("columnheader")).toHaveText(["Ingredient", "Quantity", "Cost"]);
  const quantities = await recipe.getByRole("row").filter({ has: page.getByRole("cell") }).evaluateAll((rows) => rows.map((r) => (r as HTMLTableRowElement).cells[1]!.textContent ?? ""));
  expect(quantities.length).toBeGreaterThanOrEqual(3);
  for (const q of quantities) expect(q).toMatch(/^\d+ (ml|g|pcs?)$/);
  await expect(proposal.getByText("Suggested price")).toBeVisible();
  await expect(proposal.getByRole("definition").filter({ hasText: price! })).toBeVisible();
  await expect(proposal.getByRole("definition").filter({ hasText: /^\d+(\.\d)? % \(target 70 %\)$/ })).toBeVisible();
  const margin = Number(/^([\d.]+) %/.exec(await proposal.getByRole("definition").filter({ hasText: /target/ }).innerText())![1]);
  expect(margin).toBeGreaterThanOrEqual(70);
  await expect(proposal).toContainText("decided by rules (no language model)");

  // One new drink at a time: a second request is refused with a sentence.
  await waiting.getByRole("button", { name: "Suggest a new drink" }).click();
  await expect(waiting.getByRole("alert")).toContainText(`A new drink is already waiting for your decision: ${title}`);

  const { violations } = await new AxeBuilder({ page }).include("section[aria-labelledby='proposals-heading']").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
  expect(serious, "axe on the proposals").toEqual([]);

  await page.getByRole("button", { name: `Approve: ${title}` }).click();
  await expect(page.getByRole("button", { name: `Approve: ${title}` })).toBeHidden(SLOW);
  await expect(page.getByRole("row", { name: /Beverage inventor/ }).first()).toContainText("rules");
});
