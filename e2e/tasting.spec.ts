import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { clearWaitingDrinks } from "./support/db";

/**
 * From an inventor's proposal to the menu, end to end at SoHo: the manager asks for a new drink and
 * approves it; the tasting coordinator (a worker on Kafka) schedules its tasting in a quiet hour
 * of SoHo's forecast; the manager scores it and closes it; passed, it is proposed for SoHo's menu;
 * approved, the drink is on SoHo's menu in sizes, the tasted one at its price, and not on Chicago's.
 * Until the manager has scored it, the queue screen reminds them of it with a link.
 */

const SHOP = "new-york-soho";
const OTHER = "chicago-loop";
test.describe.configure({ timeout: 150_000 });
const SLOW = { timeout: 45_000 };

test("an inventor's drink is tasted, passes, and is on that shop's menu only", async ({ page }) => {
  await clearWaitingDrinks(SHOP);
  await page.goto(`/manager/${SHOP}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const waiting = page.getByRole("region", { name: "Waiting for you" });
  await waiting.getByRole("button", { name: "Suggest a new drink" }).click();
  const proposal = waiting.getByRole("listitem").filter({ hasText: /^New drink: / });
  await expect(async () => {
    if (!(await proposal.isVisible())) await page.reload();
    await expect(proposal).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });
  const title = (await proposal.locator("p").first().innerText()).trim();
  const [, name, price] = /^New drink: (.+) at (\$\d+\.\d\d)$/.exec(title) ?? [];
  expect(name, title).toBeTruthy();
  await page.getByRole("button", { name: `Approve: ${title}` }).click();
  await expect(page.getByRole("button", { name: `Approve: ${title}` })).toBeHidden(SLOW);

  // The tasting coordinator hears the approval on Kafka and schedules the tasting.
  // (The Agents page links to it; it is opened by its address while the worker catches up.)
  await expect(page.getByRole("link", { name: "Tastings" })).toHaveAttribute("href", `/manager/${SHOP}/tastings`);
  const tasting = page.getByRole("article", { name: `Tasting of ${name}` });
  await expect(async () => {
    await page.goto(`/manager/${SHOP}/tastings`);
    await expect(tasting).toBeVisible({ timeout: 3_000 });
  }).toPass(SLOW);
  await expect(tasting).toContainText(/The quietest forecast hour in the next 3 days: .+ orders forecast\.|No forecast for the next 3 days/);
  await expect(tasting.getByRole("heading")).toHaveText(`${name} · Open`);

  // The queue screen reminds staff who have not scored it yet, and takes them to the tasting.
  await page.goto(`/barista/${SHOP}`);
  const reminder = page.getByRole("navigation", { name: "Tastings to score" }).getByRole("link", { name: `Taste ${name} · ` });
  await expect(reminder).toHaveText(/ · \w{3} \d{2}:\d{2} — give your score$/);
  await reminder.click();
  await expect(page).toHaveURL(new RegExp(`/manager/${SHOP}/tastings$`));

  await tasting.getByRole("group", { name: "Your score" }).getByLabel("5").check();
  await tasting.getByLabel("Note").fill("Lovely balance");
  await tasting.getByRole("button", { name: "Save my score" }).click();
  await expect(tasting).toContainText("Mean 5.0 of 5 from 1 score");
  await expect(tasting.getByRole("list", { name: `Scores for ${name}` })).toContainText("5 of 5 — “Lovely balance”");
  // Scored: no longer a reminder on the queue screen (for this person).
  await page.goto(`/barista/${SHOP}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: `Taste ${name} · ` })).toHaveCount(0);
  await page.goto(`/manager/${SHOP}/tastings`);

  const { violations } = await new AxeBuilder({ page }).include("#tastings").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`), "axe on the tastings").toEqual([]);

  await tasting.getByRole("button", { name: "Close tasting" }).click();
  await expect(tasting.getByRole("heading")).toHaveText(`${name} · Passed`);

  // Passed: proposed for this shop's menu; approved, it is on SoHo's menu at the suggested price.
  await page.goto(`/manager/${SHOP}/agents`);
  const addTitle = `Add ${name} to the menu at ${price}`;
  await page.getByRole("button", { name: `Approve: ${addTitle}` }).click();
  await expect(page.getByRole("button", { name: `Approve: ${addTitle}` })).toBeHidden(SLOW);

  await page.goto(`/shops/${SHOP}`);
  const card = page.getByRole("article", { name });
  await expect(card).toBeVisible();
  // Offered in sizes, like the drink it is modelled on; the size it was tasted in costs the
  // suggested price (the others 50 cents apart).
  await page.getByRole("button", { name, exact: true }).click();
  const dialog = page.getByRole("dialog", { name });
  await expect(dialog.getByRole("group", { name: /Size/ })).toBeVisible();
  const prices: string[] = [];
  for (const size of [/Small/, /Medium/, /Large/]) {
    await dialog.getByRole("radio", { name: size }).check();
    prices.push((await dialog.getByRole("button", { name: /^Add to cart — / }).textContent())!.replace("Add to cart — ", ""));
  }
  expect(prices).toContain(price!);
  await page.keyboard.press("Escape");
  await page.goto(`/shops/${OTHER}`);
  await expect(page.getByRole("heading", { level: 3 }).first()).toBeVisible();
  await expect(page.getByRole("article", { name })).toHaveCount(0);
});
