import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { signInOnPage } from "./support/session";

/**
 * The inventory agent, end to end: the last oat latte's worth of oat milk is sold at SFO, so oat
 * milk shows unavailable with its reason; the agent (a worker on Kafka) alerts and proposes a
 * purchase order, and the notifier puts it in the managers' notifications and the baristas' bell; the manager approves it and receives the delivery on the Stock screen; oat milk
 * is back. SFO is open around the clock; the test restores the stock it takes.
 */

const SHOP = "sfo-terminal-2";
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };

/** Leaves exactly one medium oat latte's oat milk available (what its recipe line takes). */
async function leaveOneOatLatte(): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query(
      `UPDATE stock SET on_hand = reserved + (
         SELECT r.quantity FROM recipe_lines r JOIN products p ON p.id = r.product_id JOIN options o ON o.id = r.option_id
         WHERE p.slug = 'caffe-latte' AND o.slug = 'oat' AND r.ingredient_id = stock.ingredient_id)
       FROM ingredients i, shops s
       WHERE stock.ingredient_id = i.id AND i.slug = 'oat-milk' AND stock.shop_id = s.id AND s.slug = $1`,
      [SHOP],
    );
  } finally {
    await client.end();
  }
}

async function oatMilkChoice(page: Page) {
  await page.goto(`/shops/${SHOP}?product=caffe-latte`);
  return page.getByRole("dialog", { name: "Caffè latte" }).getByRole("radio", { name: /Oat milk/ });
}

test("oat milk runs out → unavailable with the reason; the manager approves the order, receives it → available again", async ({ page, request, browser, baseURL }) => {
  await leaveOneOatLatte();
  const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Last Oat", items: [{ product: "caffe-latte", quantity: 1, options: { milk: ["oat"] } }] } });
  expect(placed.status()).toBe(201);

  // The order processor reserves the last of it: the menu says why oat milk cannot be chosen.
  await expect(async () => {
    const oat = await oatMilkChoice(page);
    await expect(oat).toBeDisabled({ timeout: 5_000 });
    await expect(oat).toHaveAccessibleDescription(/Out of oat milk/, { timeout: 5_000 });
  }).toPass(SLOW);

  await page.goto(`/manager/${SHOP}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for you" })).toBeVisible(SLOW);

  // The agent heard the order on Kafka: an alert, and a purchase order in whole packs.
  const approve = page.getByRole("button", { name: /^Approve: Order \d+ L oat milk \(\d+ × 6 L\) from Plant Milk Wholesale$/ });
  await expect(async () => {
    await page.reload();
    await expect(approve).toBeVisible({ timeout: 5_000 });
  }).toPass(SLOW);
  await expect(page.getByRole("region", { name: "Open alerts" }).getByText(/^Out of oat milk: .*Oat milk \(option\).* unavailable/)).toBeVisible();
  await expect(page.getByRole("row", { name: /Inventory manager/ }).first()).toContainText("rules");
  // The notifier told the shop's managers: the bell counts it, the list holds it (a repeat within
  // 30 minutes, as in the second viewport's run, is merged into the first).
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Your notifications" })).toContainText("Out of oat milk", { timeout: 2_000 });
  }).toPass(SLOW);
  await expect(page.getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();

  // The bar is told too: the barista's queue screen rings (what cannot be made), and "Mark all read" clears it.
  const barista = await (await browser.newContext({ baseURL })).newPage();
  await barista.goto(`/barista/${SHOP}`);
  await signInOnPage(barista, "barista@gocoffee.test", "espresso-barista");
  const bell = barista.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible(SLOW);
  await bell.click();
  const list = barista.getByRole("dialog", { name: "Notifications" });
  await expect(list.getByRole("listitem").filter({ hasText: /^Out of oat milk/ })).toContainText("Critical");
  await list.getByRole("button", { name: "Mark all read" }).click();
  await expect(barista.getByRole("button", { name: "Notifications, none unread" })).toBeVisible();
  await barista.context().close();

  await approve.click();
  await expect(approve).toBeHidden();

  await page.getByRole("link", { name: "Stock" }).click();
  const expected = page.getByRole("region", { name: "Deliveries expected" }).getByRole("listitem").filter({ hasText: "oat milk" });
  await expect(expected).toContainText("Delivery expected");
  await expect(expected.getByLabel(/Oat milk counted \(ml\)/)).not.toHaveValue("");
  await expected.getByRole("button", { name: "Receive delivery" }).click();
  await expect(expected).toBeHidden(SLOW);
  await expect(page.getByRole("row", { name: /^Oat milk/ })).toContainText("OK");

  const oat = await oatMilkChoice(page);
  await expect(oat).toBeEnabled();

  // The agent resolves its alert once it hears of the delivery.
  await expect(async () => {
    await page.goto(`/manager/${SHOP}/agents`);
    await expect(page.getByRole("region", { name: "Open alerts" }).getByText(/^Out of oat milk/)).toHaveCount(0, { timeout: 5_000 });
  }).toPass(SLOW);
});
