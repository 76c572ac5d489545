import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

/**
 * The scheduler agent, end to end: the worker forecasts every shop at start from the seeded
 * history; a manager opens the staffing plan from the Agents page and reads the forecast and the
 * baristas needed by their visible labels. The page has no serious axe violations.
 */

const SHOP = "new-york-soho";
test.describe.configure({ timeout: 90_000 });

test("a manager opens the staffing plan and sees orders forecast and baristas needed per hour", async ({ page }) => {
  await page.goto(`/manager/${SHOP}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByRole("link", { name: "Staffing plan" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Staffing plan" })).toBeVisible();

  // The worker runs at start; reload until its forecast is there.
  const firstDay = page.getByRole("table").first();
  await expect(async () => {
    await page.reload();
    await expect(firstDay.getByRole("columnheader", { name: "Orders forecast" })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 45_000 });
  await expect(page.getByText(/Text written by rules \(no language model\)/)).toBeVisible();
  await expect(page.getByText(/orders expected over the next 7 days/)).toBeVisible();

  // Some day's 08:00 row (SoHo's morning rush): a whole number of orders forecast and of baristas, at least one.
  const table = page.getByRole("table").filter({ has: page.getByRole("rowheader", { name: "08:00" }) }).first();
  const headers = await table.getByRole("columnheader").allInnerTexts();
  expect(headers.map((h) => h.trim())).toEqual(["Hour", "Orders forecast", "Same hour last week", "Espresso bar", "Brew", "Food", "Baristas in total"]);
  const cells = await table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "08:00" }) }).getByRole("cell").allInnerTexts();
  const [orders, , espresso, , , total] = cells.map((c) => Number(c.trim()));
  expect(orders).toBeGreaterThanOrEqual(1);
  expect(espresso).toBeGreaterThanOrEqual(1);
  expect(total).toBeGreaterThanOrEqual(1);

  await expect(page.getByRole("heading", { level: 2, name: "Forecast against actual" })).toBeVisible();

  // The page's own content; the manager pages' shared header and tabs are e2e/accessibility.spec.ts's.
  const { violations } = await new AxeBuilder({ page }).include("#staffing").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")}`);
  expect(serious, "axe on the staffing plan").toEqual([]);
});

test("a manager marks tomorrow closed: the plan names the day and plans nobody; a bad level is refused by its field; then the day is removed", async ({ page }) => {
  const NAME = "E2E Founders' day";
  await page.goto(`/manager/${SHOP}/staffing`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Special days" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a special day" });
  const today = await form.getByLabel("Date").inputValue(); // the shop's local date
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel("Name").fill(NAME);
  await form.getByLabel("Level (% of a normal day)").fill("0");
  await form.getByRole("button", { name: "Add special day" }).click();
  await expect(form.getByText("At least 1 % (a day with no trade is closed).")).toBeVisible();

  await form.getByLabel("Date").fill(tomorrow);
  await form.getByLabel("Closed all day").check();
  await form.getByRole("button", { name: "Add special day" }).click();
  await expect(page.getByText(new RegExp(`Added ${NAME} on .*The staffing plan has been made again\\.`))).toBeVisible();
  // The plan, made again at once: tomorrow's heading names the day, and nobody is planned.
  const heading = page.getByRole("heading", { level: 3, name: new RegExp(NAME) });
  await expect(heading).toBeVisible();
  await expect(page.getByText(`${NAME}: closed, no orders expected and nobody planned.`)).toBeVisible();
  await expect(page.getByRole("table", { name: new RegExp(`Staffing plan for .*`) }).filter({ has: page.getByRole("rowheader", { name: "08:00" }) }).first()).toBeVisible();

  // Removed: the plan is made again without it (the other specs see an ordinary day).
  await page.getByRole("button", { name: new RegExp(`Remove ${NAME} on`) }).click();
  await expect(page.getByText(new RegExp(`Removed ${NAME} on`))).toBeVisible();
  await expect(heading).toHaveCount(0);
});
