import { expect, test, type Locator } from "@playwright/test";

/**
 * The queue's all-day strip counts what is still to make, live: two large oat-milk matcha lattes
 * and a plain one arrive and the strip adds them, with the oat milk; starting and finishing the order takes them off again.
 */

const LIVE = { timeout: 15_000 };

/** "Matcha latte 3 · Oat milk 2 …" → the count after the item's name (0 when it is not there). */
async function count(strip: Locator, what: string): Promise<number> {
  const text = (await strip.textContent()) ?? "";
  const match = new RegExp(`${what} (\\d+)`).exec(text);
  return match ? Number(match[1]) : 0;
}

test("the all-day strip counts open items and options live, per station", async ({ page, request }) => {
  await page.goto("/barista/sfo-terminal-2");
  await page.getByLabel("Email").fill("barista@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-barista");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Live", { exact: true })).toBeVisible(LIVE);
  const strip = page.getByRole("region", { name: "All day" });
  await expect(strip).toBeVisible();
  const before = await count(strip, "Matcha latte");

  const response = await request.post("/api/orders", {
    data: { shop: "sfo-terminal-2", customerName: "All Day", items: [{ product: "matcha-latte", quantity: 2, options: { size: ["large"], milk: ["oat"] } }, { product: "matcha-latte", quantity: 1 }] },
  });
  expect(response.status()).toBe(201);
  const { order } = (await response.json()) as { order: { pickupCode: string } };
  await expect.poll(() => count(strip, "Matcha latte"), LIVE).toBe(before + 3);
  await expect(strip).toContainText(/Matcha latte \d+.*Oat milk \d+/);

  // The food station has no matcha.
  await page.getByRole("group", { name: "Station" }).getByRole("button", { name: "Food" }).click();
  await expect(strip).not.toContainText("Matcha latte");
  await page.getByRole("group", { name: "Station" }).getByRole("button", { name: "All" }).click();

  const ticket = page.getByRole("article", { name: `All Day ${order.pickupCode}` });
  await ticket.getByRole("button", { name: "Start" }).click();
  await page.getByRole("article", { name: `All Day ${order.pickupCode}` }).getByRole("button", { name: "Ready" }).click();
  await expect.poll(() => count(strip, "Matcha latte"), LIVE).toBe(before);
});
