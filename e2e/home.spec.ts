import { expect, test } from "@playwright/test";

test("the home page lists the demo shops from the database", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Go Coffee" })).toBeVisible();
  const shops = page.getByRole("region", { name: "Shops" }).getByRole("article");
  await expect(shops).toHaveCount(3);
  for (const city of ["New York", "Chicago", "San Francisco"]) {
    await expect(shops.filter({ hasText: city })).toHaveCount(1);
  }
  // The airport shop is open around the clock, so it always says so.
  await expect(shops.filter({ hasText: "San Francisco" }).getByText("Open 24 hours")).toBeVisible();
});
