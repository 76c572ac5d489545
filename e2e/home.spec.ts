import { expect, test } from "@playwright/test";

test("the home page lists the demo shops from the database", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Go Coffee" })).toBeVisible();
  const shops = page.getByRole("region", { name: "Shops" }).getByRole("article");
  // The three demo shops (an admin test may have opened more by now).
  for (const name of ["Go Coffee SoHo", "Go Coffee The Loop", "Go Coffee SFO Terminal 2"]) {
    await expect(shops.filter({ has: page.getByRole("heading", { name, exact: true }) })).toHaveCount(1);
  }
  // The airport shop is open around the clock, so it always says so.
  await expect(shops.filter({ hasText: "SFO Terminal 2" }).getByText("Open 24 hours")).toBeVisible();
});
