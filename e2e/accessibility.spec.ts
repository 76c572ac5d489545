import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousViolations } from "./support/axe";

/**
 * axe-core on every screen of every persona (customer, barista, manager, admin, the status board,
 * sign-in and sign-up): no serious or critical violation (WCAG 2.x A and AA rules). And a drink
 * ordered with the keyboard alone. The refund screen is checked in e2e/refund.spec.ts, where a
 * refundable order exists.
 */

async function signIn(page: Page, email: string, password: string) {
  await expect(page.getByLabel("Email")).toBeVisible({ timeout: 15_000 });
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const SLOW = { timeout: 20_000 };

test("menu, product dialog, checkout, tracking page and sign-in have no serious axe violations", { tag: "@phone" }, async ({ page }) => {
  test.setTimeout(180_000); // eight axe runs and an order: ~30 s on a quiet machine, minutes on a busy one
  await page.goto("/shops/sfo-terminal-2");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the menu");
  await page.goto("/shops/sfo-terminal-2?diet=vegan");
  await expectNoSeriousViolations(page, "the filtered menu");

  await page.getByRole("button", { name: "Caffè latte" }).click();
  await expect(page.getByRole("dialog", { name: "Caffè latte" })).toBeVisible();
  await expectNoSeriousViolations(page, "the product dialog");
  await page.getByRole("dialog", { name: "Caffè latte" }).getByRole("button", { name: /^Add to cart/ }).click();
  await expect(page.getByRole("button", { name: /^Cart, 1 item/ })).toBeVisible(); // kept before leaving the page

  await page.goto("/shops/sfo-terminal-2/checkout");
  await expect(page.getByLabel("Name for pickup")).toBeVisible(SLOW);
  await expectNoSeriousViolations(page, "checkout");
  await page.getByLabel("Name for pickup").fill("Axe");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\//, SLOW); // "Order placed. Taking you to it…" takes a while on a busy machine
  await expect(page.getByRole("region", { name: "Pickup code" })).toBeVisible(SLOW);
  await expectNoSeriousViolations(page, "the tracking page");

  await page.goto("/sign-in");
  await expectNoSeriousViolations(page, "sign-in");
  await page.goto("/sign-up");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "sign-up");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Go Coffee" })).toBeVisible();
  await expectNoSeriousViolations(page, "the home page");
});

test("the status board has no serious axe violations", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/shops/sfo-terminal-2/board");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the status board");
});

test("the customer's account pages have no serious axe violations", { tag: "@phone" }, async ({ page }) => {
  test.slow(); // a sign-in (argon2) and two pages
  await page.goto("/account");
  await signIn(page, "customer@gocoffee.test", "espresso-customer");
  await expect(page).toHaveURL(/\/account$/, SLOW);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the account page");
  await page.goto("/account/orders");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the order history");
});

test("the manager's dashboard and shop pages have no serious axe violations", { tag: "@phone" }, async ({ page }) => {
  test.setTimeout(180_000); // ten axe runs on the busiest screens
  await page.goto("/manager");
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible(SLOW);
  await expect(page.getByText("Live", { exact: true })).toBeVisible(SLOW);
  await expect(page.getByRole("heading", { level: 2, name: "Stock levels" })).toBeVisible(SLOW);
  await expectNoSeriousViolations(page, "the dashboard");
  for (const tab of ["menu", "orders", "stock", "agents", "staff", "settings", "activity"]) {
    await page.goto(`/manager/sfo-terminal-2/${tab}`);
    await expect(page.getByRole("heading", { level: 1, name: "Go Coffee SFO Terminal 2" })).toBeVisible(SLOW);
    await expectNoSeriousViolations(page, `the manager's ${tab} page`);
  }
  await page.goto("/barista");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "the barista's shop list");
});

test("the admin's treasury, integrations and new-shop pages have no serious axe violations", async ({ page }) => {
  test.slow();
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Treasury desk" })).toBeVisible(SLOW);
  // Its forms are disabled until hydrated (controls.tsx); once axe caught the moment React enabled
  // them and read the disabled button's colours as the enabled one's (contrast 2.03).
  await expect(page.getByLabel("New bot")).toBeEnabled(SLOW);
  await expectNoSeriousViolations(page, "the treasury desk");
  await page.goto("/admin/integrations");
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);
  await expectNoSeriousViolations(page, "integrations");
  await page.goto("/admin/shops/new");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible(SLOW);
  await expectNoSeriousViolations(page, "the new-shop form");
});

test("the barista queue has no serious axe violations", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/barista/sfo-terminal-2");
  await page.getByLabel("Email").fill("barista@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-barista");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("region", { name: "All day" })).toBeVisible();
  await expectNoSeriousViolations(page, "the barista queue");
});

test("a customer orders a drink with the keyboard alone", async ({ page }) => {
  test.slow(); // some hundred key presses, each a round trip to the browser
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
