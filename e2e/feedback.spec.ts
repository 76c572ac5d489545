import { expect, test } from "@playwright/test";
import { signInOverHttp } from "./support/session";

/**
 * The feedback analyst, end to end: a guest's order is made and collected at SFO (open around the
 * clock); the guest rates it on the tracking page; the analyst (a worker on Kafka) tags it and the
 * manager sees it in the week's feedback digest on the Agents screen, tagged by rules.
 */

const SHOP = "sfo-terminal-2";
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };

test("a customer rates a collected order on the tracking page → the manager sees it in the digest", { tag: "@phone" }, async ({ page, browser, baseURL }) => {
  const placed = await page.request.post("/api/orders", { data: { shop: SHOP, customerName: "Rating Guest", items: [{ product: "caffe-latte", quantity: 1 }] } });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string; pickupCode: string; trackingUrl: string } };

  // The guest keeps the tracking page (the link with its token) open while a barista makes it and hands it over.
  await page.goto(order.trackingUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Your order" })).toBeVisible();
  const barista = await browser.newContext({ baseURL });
  await signInOverHttp(barista.request, "barista@gocoffee.test", "espresso-barista");
  const status = async () => ((await (await page.request.get(`/api${order.trackingUrl}`)).json()) as { order: { status: string; version: number } }).order;
  await expect.poll(async () => (await status()).status, { timeout: 15_000 }).toBe("QUEUED");
  let version = (await status()).version;
  for (const action of ["start", "ready"]) {
    const moved = await barista.request.post(`/api/shops/${SHOP}/orders/${order.id}/actions`, { data: { action, version } });
    expect(moved.status()).toBe(200);
    version = ((await moved.json()) as { ticket: { version: number } }).ticket.version;
  }
  expect((await barista.request.post(`/api/shops/${SHOP}/claim`, { data: { orderId: order.id, code: order.pickupCode } })).status()).toBe(200);
  await barista.close();

  // The form appears on the open page as the order is collected (no reload), and the guest rates it.
  const comment = `My latte was lukewarm and we waited ages (${order.pickupCode})`;
  const form = page.getByRole("region", { name: "Rate this order" });
  await expect(form).toBeVisible(SLOW);
  await form.getByRole("radio", { name: "2 stars" }).check();
  await form.getByLabel("Comment (optional)").fill(comment);
  await form.getByRole("button", { name: "Send rating" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thanks! You rated this order 2 of 5." })).toBeVisible();
  // Still changeable today, and remembered on a reload.
  await page.reload();
  await expect(page.getByRole("region", { name: "Your rating" }).getByLabel("Comment (optional)")).toHaveValue(comment);

  // The manager finds it in the digest, tagged by the analyst.
  const manager = await browser.newContext({ baseURL });
  const screen = await manager.newPage();
  await signInOverHttp(manager.request, "manager@gocoffee.test", "espresso-manager");
  const latest = screen.getByRole("list", { name: "Latest comments" }).getByRole("listitem").filter({ hasText: comment });
  await expect(async () => {
    await screen.goto(`/manager/${SHOP}/agents`);
    await expect(latest).toContainText("negative: temperature, waiting", { timeout: 2_000 });
  }).toPass(SLOW);
  await expect(screen.getByRole("region", { name: "Customer feedback (last 7 days)" })).toContainText(/Ratings\s*\d+/);
  await expect(screen.getByRole("row", { name: /Feedback analyst/ }).first()).toContainText("rules");
  await manager.close();
});

test("a stranger cannot rate someone else's order from its tracking page", async ({ page, browser, baseURL }) => {
  const placed = await page.request.post("/api/orders", { data: { shop: SHOP, customerName: "Other Guest", items: [{ product: "caffe-latte", quantity: 1 }] } });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string } };
  const stranger = await browser.newContext({ baseURL });
  const p = await stranger.newPage();
  // Without the token, the page is not found, so no form is offered.
  await p.goto(`/orders/${order.id}`);
  await expect(p.getByRole("region", { name: "Rate this order" })).toHaveCount(0);
  await stranger.close();
});
