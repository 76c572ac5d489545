import { expect, test, type Page } from "@playwright/test";

/**
 * An admin connects Slack (the local fake Slack the run starts, playwright.config.ts), sends a
 * test, and sees it delivered in the log; the fake received it in Block Kit. A bad token is refused
 * with Slack's reason, and the token never comes back to the browser.
 */

const SLOW = { timeout: 15_000 };
const slackMessages = async (): Promise<{ channel: string; text: string }[]> => {
  const base = process.env.SLACK_API_URL!.replace(/api\/$/, "");
  return ((await (await fetch(`${base}_fake/messages`)).json()) as { messages: { channel: string; text: string }[] }).messages;
};

async function signIn(page: Page) {
  await page.getByLabel("Email").fill("admin@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-admin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin connects Slack, sends a test and sees it delivered in the log; a cancelled order reaches the channel", async ({ page, request }, testInfo) => {
  const channel = `#e2e-${testInfo.project.name}-${Date.now().toString(36)}`;
  const name = `Ops ${testInfo.project.name}`;
  await page.goto("/admin/integrations");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);

  // A token Slack refuses: its reason, and nothing connected.
  const form = page.getByRole("form", { name: "Connect Slack" });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Channel").fill(channel);
  await form.getByLabel("Bot token").fill("xoxb-invalid-e2e");
  await form.getByRole("button", { name: "Connect Slack" }).click();
  await expect(page.getByText("Slack did not accept the bot token (invalid_auth)").first()).toBeVisible(SLOW);
  await expect(page.getByRole("article", { name: `Slack: ${name}` })).toHaveCount(0);

  const token = `xoxb-e2e-${Date.now()}`;
  await form.getByLabel("Bot token").fill(token);
  await form.getByRole("button", { name: "Connect Slack" }).click();
  const card = page.getByRole("article", { name: `Slack: ${name}` });
  await expect(card).toBeVisible(SLOW);
  await expect(card.getByText("Active")).toBeVisible();
  await expect(card.getByText(channel)).toBeVisible();

  await card.getByRole("button", { name: "Send a test" }).click();
  await expect(card.getByText("Test queued")).toBeVisible();
  const log = page.getByRole("list", { name: "Deliveries" });
  const entry = log.getByRole("listitem").filter({ hasText: name }).filter({ hasText: "test" }).first();
  await expect(entry.getByText("Delivered")).toBeVisible(SLOW);

  // Only the test is judged here: the worker's 10-minute check also sends yesterday's daily
  // summaries to a channel connected since (one per shop), whenever that check falls in this test,
  // and the agents' alerts and proposals (every kind is ticked) can arrive at any time.
  const received = (await slackMessages()).filter((m) => m.channel === channel && m.text.startsWith("Go Coffee test message"));
  expect(received).toHaveLength(1);
  expect(received[0]!.text).toContain("Go Coffee test message");
  // The token went to Slack, never back to the page.
  expect(await page.content()).not.toContain(token);

  // The whole path: a guest cancels an order → outbox → Kafka → integrations worker → Slack.
  const placed = await request.post("/api/orders", { data: { shop: "sfo-terminal-2", customerName: "Slack E2E", items: [{ product: "butter-croissant", quantity: 1 }] } });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string; trackingToken: string; pickupCode: string } };
  expect((await request.post(`/api/orders/${order.id}/cancel`, { headers: { "x-order-token": order.trackingToken } })).status()).toBe(200);
  await expect.poll(async () => (await slackMessages()).filter((m) => m.channel === channel).map((m) => m.text), { timeout: 20_000 }).toContainEqual(expect.stringMatching(/was cancelled: At the customer's request/));
  await page.reload();
  await expect(log.getByRole("listitem").filter({ hasText: "order.cancelled" }).filter({ hasText: order.pickupCode }).getByText("Delivered")).toBeVisible(SLOW);

  await card.getByRole("button", { name: "Pause" }).click();
  await expect(card.getByText("Paused", { exact: true })).toBeVisible();
  await expect(card.getByRole("button", { name: "Send a test" })).toBeDisabled();

  // Changed after connecting: one shop, and no more cancellations; the card keeps it after a reload.
  await card.getByText("Change label, shops and messages").click();
  const change = card.getByRole("form", { name: `Change ${name}` });
  await change.getByRole("checkbox", { name: "Order cancelled" }).uncheck();
  await change.getByRole("checkbox", { name: "Go Coffee SFO Terminal 2", exact: true }).check();
  await change.getByLabel("Channel").fill(`${channel}-sfo`);
  await change.getByRole("button", { name: "Save changes" }).click();
  await expect(card.getByRole("status")).toHaveText("Saved: it applies to what happens from now on.", SLOW);
  await page.reload();
  await card.getByText("Change label, shops and messages").click();
  await expect(change.getByRole("checkbox", { name: "Order cancelled" })).not.toBeChecked();
  await expect(change.getByRole("checkbox", { name: "Order refunded" })).toBeChecked();
  await expect(change.getByRole("checkbox", { name: "Go Coffee SFO Terminal 2", exact: true })).toBeChecked();
  await expect(change.getByLabel("Channel")).toHaveValue(`${channel}-sfo`);
  await expect(card.getByText(/Order refunded · Payment undone/)).toBeVisible();
});
