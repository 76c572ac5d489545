import { expect, test } from "@playwright/test";

/**
 * Tips: a customer adds 15 % at checkout; it is its own line on the tracking page and part of what
 * the barista takes at the counter. SFO (open around the clock): a butter croissant is $3.95, tax
 * 8.63 % ($0.34), so 15 % is $0.59 (of the subtotal, untaxed) and the total $4.88.
 */

const LIVE = { timeout: 15_000 };

test("a customer tips 15 % at checkout and the barista sees it on the ticket and at the counter", { tag: "@phone" }, async ({ page, browser, baseURL }) => {
  await page.goto("/shops/sfo-terminal-2");
  await page.getByRole("button", { name: "Butter croissant" }).click();
  await page.getByRole("dialog", { name: "Butter croissant" }).getByRole("button", { name: "Add to cart — $3.95" }).click();
  await page.getByRole("button", { name: /^Cart/ }).click();
  await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();

  const tips = page.getByRole("group", { name: "Tip for the baristas" });
  await expect(tips.getByRole("radio", { name: "No tip" })).toBeChecked();
  // A custom amount that is not one is refused before anything is sent.
  // The radios are drawn as pills: a person clicks their labels.
  await tips.getByText("Custom", { exact: true }).click();
  await expect(tips.getByRole("radio", { name: "Custom" })).toBeChecked();
  await page.getByLabel("Custom tip").fill("lots");
  await page.getByLabel("Name for pickup").fill("Tipper");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByText("Enter the tip as an amount, like 2.50.")).toBeVisible();
  await tips.getByText("15% · $0.59").click();
  await expect(tips.getByRole("radio", { name: "15% · $0.59" })).toBeChecked();
  const summary = page.getByRole("region", { name: "Your order" });
  await expect(summary.getByText("Tip", { exact: true }).locator("xpath=..")).toContainText("$0.59");
  await expect(summary.getByText("Total", { exact: true }).locator("xpath=..")).toContainText("$4.88");
  await expect(page.getByText("You pay $4.88 at the counter when you pick up.")).toBeVisible();
  await page.getByRole("button", { name: "Place order" }).click();

  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  await expect(page.getByText("Tip", { exact: true }).locator("xpath=..")).toContainText("$0.59");
  await expect(page.getByText("Total", { exact: true }).locator("xpath=..")).toContainText("$4.88");
  const code = (await page.getByRole("region", { name: "Pickup code" }).getByText(/^[A-HJ-NP-Z2-9]{5}$/).textContent())!;

  // The barista's ticket carries the tip; at the counter the amount to take includes it.
  const barista = await (await browser.newContext({ baseURL })).newPage();
  await barista.goto("/barista/sfo-terminal-2");
  await barista.getByLabel("Email").fill("barista@gocoffee.test");
  await barista.getByLabel("Password").fill("espresso-barista");
  await barista.getByRole("button", { name: "Sign in", exact: true }).click();
  const ticket = barista.getByRole("article", { name: new RegExp(`Tipper ${code}`) });
  await expect(ticket).toContainText("Tip $0.59", LIVE);
});
