import { expect, test, type Page } from "@playwright/test";

/**
 * A customer's order from the menu to the counter, as a person would do it. The airport shop is
 * open around the clock, so these run at any hour. Prices are the seed's (prisma/seed): at SFO a
 * Caffè latte is $5.75 before options (Medium +$0.50, Large +$1.00, Oat milk +$0.70), a butter
 * croissant $3.95, and sales tax is 8.63 %.
 */

const SHOP = "Go Coffee SFO Terminal 2";

async function openShop(page: Page) {
  await page.goto("/");
  await page.getByRole("region", { name: "Shops" }).getByRole("link", { name: SHOP }).click();
  await expect(page.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
}

const cartButton = (page: Page) => page.getByRole("button", { name: /^Cart/ });

async function addCroissant(page: Page) {
  await page.getByRole("button", { name: "Butter croissant" }).click();
  const dialog = page.getByRole("dialog", { name: "Butter croissant" });
  await dialog.getByRole("button", { name: "Add to cart — $3.95" }).click();
  await expect(dialog).toBeHidden();
}

async function placeOrder(page: Page, name: string) {
  await cartButton(page).click();
  await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Checkout" })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Pay at pickup" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Crypto wallet" })).not.toBeChecked();
  await page.getByLabel("Name for pickup").fill(name);
  await page.getByRole("button", { name: "Place order" }).click();
  // A guest's tracking link carries the order's token: the id alone opens nothing.
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=[\w-]{22}$/);
}

test("a new customer orders a latte and a croissant and follows the order to the queue", { tag: "@phone" }, async ({ page }) => {
  await openShop(page);

  // Choose the drink; the price follows every choice.
  await page.getByRole("button", { name: "Caffè latte" }).click();
  const latte = page.getByRole("dialog", { name: "Caffè latte" });
  await expect(latte.getByRole("group", { name: /Size/ })).toBeVisible();
  await expect(latte.getByRole("radio", { name: /Medium/ })).toBeChecked();
  await expect(latte.getByRole("button", { name: "Add to cart — $6.25" })).toBeVisible();
  await latte.getByRole("radio", { name: /Large/ }).check();
  await expect(latte.getByRole("button", { name: "Add to cart — $6.75" })).toBeVisible();
  await latte.getByRole("radio", { name: /Oat milk/ }).check();
  await latte.getByRole("button", { name: "Add to cart — $7.45" }).click();
  await expect(latte).toBeHidden();
  await expect(cartButton(page)).toContainText("1");

  await addCroissant(page);
  await expect(cartButton(page)).toContainText("2");

  // The cart: both lines with their choices, and the totals with tax.
  await cartButton(page).click();
  const cart = page.getByRole("dialog", { name: "Your cart" });
  await expect(cart.getByRole("listitem").filter({ hasText: "Caffè latte" })).toContainText("Large (16 oz), Oat milk");
  await expect(cart.getByRole("listitem").filter({ hasText: "Butter croissant" })).toContainText("$3.95");
  await expect(cart.getByText("Subtotal", { exact: true }).locator("xpath=..")).toContainText("$11.40");
  await expect(cart.getByText("Tax (8.63%)").locator("xpath=..")).toContainText("$0.98");
  await expect(cart.getByText("Total", { exact: true }).locator("xpath=..")).toContainText("$12.38");
  await page.keyboard.press("Escape");
  await expect(cart).toBeHidden();

  await placeOrder(page, "Ana");

  // The tracking page: a pickup code, its QR code, and the status moving on by itself.
  const pickup = page.getByRole("region", { name: "Pickup code" });
  await expect(pickup.getByText(/^[A-HJ-NP-Z2-9]{5}$/)).toBeVisible();
  await expect(pickup.getByRole("img", { name: /^QR code for pickup code [A-HJ-NP-Z2-9]{5}$/ })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Caffè latte" })).toContainText("Large (16 oz), Oat milk");
  // The order processor queues the order within about a second; the page hears it over SSE.
  await expect(page.getByText("Status: In the queue")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText(/Ready in about \d+ min|Almost ready/)).toBeVisible();

  // The cart was emptied by the order.
  await page.getByRole("link", { name: "Back to menu" }).click();
  await expect(cartButton(page)).toHaveAccessibleName("Cart, 0 items");
});

test("the cart survives a reload and its lines can be changed", { tag: "@phone" }, async ({ page }) => {
  await openShop(page);
  await addCroissant(page);
  await addCroissant(page);
  await expect(cartButton(page)).toContainText("2");

  await page.reload();
  await expect(cartButton(page)).toContainText("2");
  await cartButton(page).click();
  const cart = page.getByRole("dialog", { name: "Your cart" });
  const line = cart.getByRole("listitem").filter({ hasText: "Butter croissant" });
  await expect(line).toContainText("$7.90");

  await line.getByRole("button", { name: "Decrease quantity of Butter croissant" }).click();
  await expect(line).toContainText("$3.95");

  // Edit reopens the product with the line's choices.
  await line.getByRole("button", { name: "Edit Butter croissant" }).click();
  const dialog = page.getByRole("dialog", { name: "Butter croissant" });
  await dialog.getByLabel("Item note").fill("Warmed, please");
  await dialog.getByRole("button", { name: "Update item — $3.95" }).click();
  await expect(line).toContainText("Warmed, please");

  await line.getByRole("button", { name: "Remove Butter croissant" }).click();
  await expect(cart.getByText("Your cart is empty")).toBeVisible();
  await page.reload();
  await expect(cartButton(page)).toHaveAccessibleName("Cart, 0 items");
});

test("the customer can cancel while the order waits in the queue", { tag: "@phone" }, async ({ page }) => {
  await openShop(page);
  await addCroissant(page);
  await placeOrder(page, "Sam");
  await expect(page.getByText("Status: In the queue")).toBeVisible({ timeout: 15_000 });

  await page.getByRole("button", { name: "Cancel order" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Cancel this order?" });
  await confirm.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByText("Status: Cancelled")).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeHidden();
});

test("checkout asks for the name to call out", async ({ page }) => {
  await openShop(page);
  await addCroissant(page);
  await cartButton(page).click();
  await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByLabel("Name for pickup")).toBeFocused();
  await expect(page.getByText("Tell us the name to call out.")).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);
});
