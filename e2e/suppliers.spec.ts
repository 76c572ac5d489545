import { expect, test } from "@playwright/test";
import { mailTo } from "./support/mail";

/**
 * A manager sets how The Loop buys hazelnut syrup on the Stock screen: a new supplier, its pack
 * price, and a reorder level above what the shop holds. Typing mistakes are caught at their fields.
 * The inventory agent (a worker on Kafka) hears the change and proposes a purchase order from the
 * new supplier on the Agents tab; the manager approves it, the supplier gets it by email (the local
 * mail sink), the Stock screen says it was mailed, and the manager counts in what came (less than
 * ordered: the difference is recorded) and puts the reorder level back.
 */

const SHOP = "chicago-loop";
const SLOW = { timeout: 30_000 };
test.describe.configure({ timeout: 120_000 });

test("a manager sets an ingredient's supplier and reorder level; the inventory agent proposes an order from that supplier at once", async ({ page }) => {
  const stamp = Date.now().toString(36);
  const supplier = `Test Roasters ${stamp}`;
  const supplierEmail = `orders-${stamp}@roasters.example`;
  await page.goto(`/manager/${SHOP}/stock`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();

  const form = page.getByRole("form", { name: "Supplier settings" });
  await expect(form).toBeVisible(SLOW);
  await form.getByLabel("Ingredient").selectOption({ label: "Hazelnut syrup" });
  // Its current settings fill the fields.
  await expect(form.getByLabel("Supplier", { exact: true })).not.toHaveValue("");
  const level = form.getByLabel("Reorder level (ml)");
  const originalLevel = await level.inputValue();

  await form.getByLabel("Supplier", { exact: true }).fill(supplier);
  await form.getByLabel("Email for orders").fill(supplierEmail.toUpperCase());
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
  const approve = page.getByRole("button", { name: new RegExp(`^Approve: Order [\\d.,]+ L hazelnut syrup \\(\\d+ × 1 L\\) from ${supplier}$`) });
  await expect(async () => {
    await page.reload();
    await expect(approve).toBeVisible({ timeout: 5_000 });
  }).toPass(SLOW);
  const title = (await approve.getAttribute("aria-label"))!.replace(/^Approve: /, "");
  await approve.click();
  await expect(approve).toHaveCount(0);

  // The supplier gets the order by email; the Stock screen says so.
  const order = await mailTo(supplierEmail, /^Purchase order /);
  expect(order.subject).toMatch(new RegExp(`^Purchase order [0-9A-F]{8} from Go Coffee The Loop: [\\d.,]+ L hazelnut syrup$`));
  expect(order.text).toContain(`Hello ${supplier},`);
  await page.goto(`/manager/${SHOP}/stock`);
  const expected = page.getByRole("region", { name: "Deliveries expected" }).getByRole("listitem").filter({ hasText: title });
  await expect(async () => {
    await page.reload();
    await expect(expected).toContainText(`Order mailed to ${supplierEmail}.`, { timeout: 3_000 });
  }).toPass(SLOW);
  // Less came than was ordered: counted in as it is.
  await expected.getByLabel(/Hazelnut syrup counted \(ml\)/).fill("1000");
  await expected.getByRole("button", { name: "Receive delivery" }).click();
  await expect(expected).toBeHidden(SLOW);

  // Back to the level it had.
  await form.getByLabel("Ingredient").selectOption({ label: "Hazelnut syrup" });
  await expect(form.getByLabel("Supplier", { exact: true })).toHaveValue(supplier);
  await expect(form.getByLabel("Email for orders")).toHaveValue(supplierEmail);
  await expect(form.getByLabel("Pack price (USD)")).toHaveValue("12.34");
  await level.fill(originalLevel);
  await form.getByRole("button", { name: "Save supplier" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved: the inventory agent looks at hazelnut syrup now.");
});
