import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";

/**
 * The agents' alerts in Slack, end to end: an admin connects a Slack channel (the run's local fake
 * Slack) to the agents' alerts and proposals of SFO; almond milk runs out there (the last latte's
 * worth is ordered), the inventory agent (a worker on Kafka) raises its alert, the integrations
 * worker posts it, and the admin's delivery log shows it delivered. The test restores the stock it
 * takes, and clears the agent's open almond alert first (left by a previous run: an alert already
 * open is not raised again).
 */

const SHOP = "sfo-terminal-2";
const SHOP_NAME = "Go Coffee SFO Terminal 2";
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };

const slackMessages = async (): Promise<{ channel: string; text: string; blocks: unknown }[]> => {
  const base = process.env.SLACK_API_URL!.replace(/api\/$/, "");
  return ((await (await fetch(`${base}_fake/messages`)).json()) as { messages: { channel: string; text: string; blocks: unknown }[] }).messages;
};

/** Leaves one medium almond latte's almond milk at SFO (and resolves a leftover almond alert); returns what was available before. */
async function leaveOneAlmondLatte(): Promise<number> {
  await query(`UPDATE agent_alerts a SET resolved_at = now() FROM ingredients i, shops s
             WHERE a.resolved_at IS NULL AND a.subject = 'out:' || i.id AND i.slug = 'almond-milk' AND a.shop_id = s.id AND s.slug = $1`, [SHOP]);
  const [before] = await query<{ available: number }>(
    `SELECT st.on_hand - st.reserved AS available FROM stock st JOIN ingredients i ON i.id = st.ingredient_id JOIN shops s ON s.id = st.shop_id WHERE i.slug = 'almond-milk' AND s.slug = $1`,
    [SHOP],
  );
  await query(
    `UPDATE stock SET on_hand = reserved + (
       SELECT r.quantity FROM recipe_lines r JOIN products p ON p.id = r.product_id JOIN options o ON o.id = r.option_id
       WHERE p.slug = 'caffe-latte' AND o.slug = 'almond' AND r.ingredient_id = stock.ingredient_id)
     FROM ingredients i, shops s
     WHERE stock.ingredient_id = i.id AND i.slug = 'almond-milk' AND stock.shop_id = s.id AND s.slug = $1`,
    [SHOP],
  );
  return Number(before!.available);
}

async function restoreAlmond(available: number): Promise<void> {
  await query(`UPDATE stock SET on_hand = reserved + $2 FROM ingredients i, shops s WHERE stock.ingredient_id = i.id AND i.slug = 'almond-milk' AND stock.shop_id = s.id AND s.slug = $1`, [SHOP, available]);
}

async function signIn(page: Page) {
  await page.getByLabel("Email").fill("admin@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-admin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin subscribes Slack to the agents' alerts; almond milk runs out → the alert is posted and logged delivered", async ({ page, request }, testInfo) => {
  const channel = `#agents-${testInfo.project.name}-${Date.now().toString(36)}`;
  // Unique per attempt: a retry must not find the first attempt's card.
  const name = `Agents ${testInfo.project.name} ${Date.now().toString(36)}`;
  await page.goto("/admin/integrations");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);

  const form = page.getByRole("form", { name: "Connect Slack" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Channel").fill(channel);
  await form.getByLabel("Bot token").fill(`xoxb-agents-${Date.now()}`);
  const messages = form.getByRole("group", { name: "Messages" });
  for (const box of await messages.getByRole("checkbox").all()) await box.uncheck();
  await messages.getByRole("checkbox", { name: /^Agents' alerts/ }).check();
  await messages.getByRole("checkbox", { name: /^Agents' proposals to approve/ }).check();
  await form.getByRole("group", { name: /^Shops/ }).getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
  await form.getByRole("button", { name: "Connect Slack" }).click();
  const card = page.getByRole("article", { name: `Slack: ${name}` });
  await expect(card).toBeVisible(SLOW);
  await expect(card.getByText("Active")).toBeVisible();
  // The card's "Change … messages" form shows what it is subscribed to: the agents' two, nothing else.
  await card.getByText("Change label, shops and messages").click();
  const subscribed = card.getByRole("form", { name: `Change ${name}` }).getByRole("group", { name: "Messages" });
  await expect(subscribed.getByRole("checkbox", { name: /^Agents' alerts/ })).toBeChecked();
  await expect(subscribed.getByRole("checkbox", { name: /^Agents' proposals to approve/ })).toBeChecked();
  await expect(subscribed.getByRole("checkbox", { name: "Order cancelled" })).not.toBeChecked();

  const available = await leaveOneAlmondLatte();
  try {
    const placed = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Last Almond", items: [{ product: "caffe-latte", quantity: 1, options: { milk: ["almond"] } }] } });
    expect(placed.status()).toBe(201);

    // Order processor reserves the last of it → the inventory agent alerts → the integrations worker posts it.
    await expect
      .poll(async () => (await slackMessages()).filter((m) => m.channel === channel).map((m) => m.text), SLOW)
      .toContainEqual(expect.stringMatching(new RegExp(`^Critical at ${SHOP_NAME}: Out of almond milk`)));
    const [alert] = (await slackMessages()).filter((m) => m.channel === channel && m.text.startsWith("Critical at"));
    expect(JSON.stringify(alert!.blocks)).toContain(`/manager/${SHOP}/agents`);

    const log = page.getByRole("list", { name: "Deliveries" });
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole("listitem").filter({ hasText: name }).filter({ hasText: "agent.alert" }).filter({ hasText: "Out of almond milk" }).getByText("Delivered")).toBeVisible({ timeout: 3_000 });
    }).toPass(SLOW);
  } finally {
    await restoreAlmond(available);
  }
  await card.getByRole("button", { name: "Pause" }).click();
  await expect(card.getByText("Paused", { exact: true })).toBeVisible();
});
