import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * axe-core on the customer's and the barista's screens this branch touched: no serious or critical
 * violation (WCAG 2.x A and AA rules). And a drink ordered with the keyboard alone.
 */

async function expectNoSeriousViolations(page: Page, what: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const report = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(" ")} ${v.nodes[0]?.failureSummary ?? ""}`);
  expect(report, `axe on ${what}`).toEqual([]);
}

test("menu, product dialog, checkout, tracking page and sign-in have no serious axe violations", async ({ page }) => {
  test.slow(); // six axe runs: ~20 s on a quiet machine
  await page.goto("/shops/sfo-terminal-2");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the menu");
  await page.goto("/shops/sfo-terminal-2?diet=vegan");
  await expectNoSeriousViolations(page, "the filtered menu");

  await page.getByRole("button", { name: "Caffè latte" }).click();
  await expect(page.getByRole("dialog", { name: "Caffè latte" })).toBeVisible();
  await expectNoSeriousViolations(page, "the product dialog");
  await page.getByRole("dialog", { name: "Caffè latte" }).getByRole("button", { name: /^Add to cart/ }).click();

  await page.goto("/shops/sfo-terminal-2/checkout");
  await expect(page.getByLabel("Name for pickup")).toBeVisible();
  await expectNoSeriousViolations(page, "checkout");
  await page.getByLabel("Name for pickup").fill("Axe");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\//);
  await expect(page.getByRole("region", { name: "Pickup code" })).toBeVisible();
  await expectNoSeriousViolations(page, "the tracking page");

  await page.goto("/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
});

test("the barista queue has no serious axe violations", async ({ page }) => {
  await page.goto("/barista/sfo-terminal-2");
  await page.getByLabel("Email").fill("barista@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-barista");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("region", { name: "All day" })).toBeVisible();
  await expectNoSeriousViolations(page, "the barista queue");
});

test("a customer orders a drink with the keyboard alone", async ({ page }) => {
  await page.goto("/shops/sfo-terminal-2");
  // Tab to the first product and open it.
  const espresso = page.getByRole("button", { name: "Espresso", exact: true });
  for (let i = 0; i < 40 && !(await espresso.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await expect(espresso).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Espresso" });
  await expect(dialog).toBeVisible();
  const add = dialog.getByRole("button", { name: /^Add to cart/ });
  for (let i = 0; i < 30 && !(await add.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();

  const cart = page.getByRole("button", { name: /^Cart, 1 item/ });
  await expect(cart).toBeFocused({ timeout: 1_000 }).catch(async () => {
    for (let i = 0; i < 60 && !(await cart.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  });
  await page.keyboard.press("Enter");
  const checkout = page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ });
  for (let i = 0; i < 30 && !(await checkout.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");

  const name = page.getByLabel("Name for pickup");
  await expect(name).toBeVisible();
  for (let i = 0; i < 30 && !(await name.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.type("Keys");
  // On to the tip (arrow keys move between its choices), then the order button.
  const noTip = page.getByRole("radio", { name: "No tip" });
  for (let i = 0; i < 30 && !(await noTip.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: /^10%/ })).toBeChecked();
  const place = page.getByRole("button", { name: "Place order" });
  for (let i = 0; i < 30 && !(await place.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}/);
  await expect(page.getByText("Tip", { exact: true })).toBeVisible();
});
