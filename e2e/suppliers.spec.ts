import { expect, test } from "@playwright/test";

/**
 * A manager sets how The Loop buys hazelnut syrup on the Stock screen: a new supplier, its pack
 * price, and a reorder level above what the shop holds. Typing mistakes are caught at their fields.
 * The inventory agent (a worker on Kafka) hears the change and proposes a purchase order from the
 * new supplier on the Agents tab; the manager rejects it and puts the reorder level back.
 */

const SHOP = "chicago-loop";
const SLOW = { timeout: 30_000 };
test.describe.configure({ timeout: 120_000 });

test("a manager sets an ingredient's supplier and reorder level; the inventory agent proposes an order from that supplier at once", async ({ page }) => {
  const supplier = `Test Roasters ${Date.now().toString(36)}`;
  await page.goto(`/manager/${SHOP}/stock`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  const form = page.getByRole("form", { name: "Supplier settings" });
  await expect(form).toBeVisible(SLOW);
  await form.getByLabel("Ingredient").selectOption({ label: "Hazelnut syrup" });
  // Its current settings fill the fields.
  await expect(form.getByLabel("Supplier")).not.toHaveValue("");
  const level = form.getByLabel("Reorder level (ml)");
  const originalLevel = await level.inputValue();

  await form.getByLabel("Supplier").fill(supplier);
  await form.getByLabel("Pack price (USD)").fill("12.345");
  await form.getByRole("button", { name: "Save supplier" }).click();
  await expect(form.getByText("Enter a price like 31.50, or leave it empty if you do not know it.")).toBeVisible();
  await form.getByLabel("Pack price (USD)").fill("12.34");
  await form.getByLabel("Pack size (ml)").fill("0");
  await form.getByRole("button", { name: "Save supplier" }).click();
  await expect(form.getByText("A pack holds at least 1.")).toBeVisible();
  await form.getByLabel("Pack size (ml)").fill("1000");
  await level.fill("900000");
  await form.getByRole("button", { name: "Save supplier" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: the inventory agent looks at hazelnut syrup now.");
  await expect(page.getByRole("row", { name: /^Hazelnut syrup/ })).toContainText(`${supplier} · `);
  await expect(page.getByRole("row", { name: /^Hazelnut syrup/ })).toContainText("packs of 1 L");

  // The agent heard it over Kafka: below the new level, an order in whole 1 L packs from the new supplier.
  await page.goto(`/manager/${SHOP}/agents`);
  const reject = page.getByRole("button", { name: new RegExp(`^Reject: Order [\\d.,]+ L hazelnut syrup \\(\\d+ × 1 L\\) from ${supplier}$`) });
  await expect(async () => {
    await page.reload();
    await expect(reject).toBeVisible({ timeout: 5_000 });
  }).toPass(SLOW);
  await reject.click();
  await expect(reject).toHaveCount(0);

  // Back to the level it had.
  await page.goto(`/manager/${SHOP}/stock`);
  await form.getByLabel("Ingredient").selectOption({ label: "Hazelnut syrup" });
  await expect(form.getByLabel("Supplier")).toHaveValue(supplier);
  await expect(form.getByLabel("Pack price (USD)")).toHaveValue("12.34");
  await level.fill(originalLevel);
  await form.getByRole("button", { name: "Save supplier" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: the inventory agent looks at hazelnut syrup now.");
});
