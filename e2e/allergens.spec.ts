import { expect, test } from "@playwright/test";

/**
 * Allergens and diets come from the recipes and follow the chosen options: a latte with whole milk
 * contains milk, with oat milk it is vegan and dairy-free, hazelnut syrup adds nuts; the menu's
 * filters keep what can be made to fit. SFO's menu (prisma/seed).
 */

test("a customer reads allergens that follow the chosen milk and syrup, and filters the menu", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/shops/sfo-terminal-2");
  const latteCard = page.getByRole("article", { name: "Caffè latte" });
  await expect(latteCard).toContainText("Vegan option");
  await expect(latteCard).toContainText("Contains milk");

  await latteCard.getByRole("button", { name: "Caffè latte" }).click();
  const dialog = page.getByRole("dialog", { name: "Caffè latte" });
  const labels = dialog.getByLabel("Allergens and diet");
  await expect(labels).toContainText("Contains milk.");
  await dialog.getByRole("radio", { name: /Oat milk/ }).check();
  await expect(labels).toContainText("Vegan");
  await expect(labels).toContainText("Dairy-free");
  await expect(labels).not.toContainText("milk");
  await dialog.getByRole("checkbox", { name: /Hazelnut/ }).check();
  await expect(labels).toContainText("tree nuts");
  await page.keyboard.press("Escape");

  // Filters: the walnut bread goes with "No nuts"; the croissant (butter) with "Vegan"; the latte stays.
  const bread = page.getByRole("article", { name: "Banana walnut bread" });
  const croissant = page.getByRole("article", { name: "Butter croissant" });
  await expect(bread).toBeVisible();
  await page.getByRole("button", { name: "No nuts" }).click();
  await expect(page).toHaveURL(/\?diet=no-nuts$/);
  await expect(page.getByRole("button", { name: "No nuts" })).toHaveAttribute("aria-pressed", "true");
  await expect(bread).toBeHidden();
  await expect(croissant).toBeVisible();
  await page.getByRole("button", { name: "Vegan" }).click();
  await expect(croissant).toBeHidden();
  await expect(latteCard).toBeVisible();
  await page.getByRole("link", { name: "Show everything" }).click();
  await expect(bread).toBeVisible();
});
