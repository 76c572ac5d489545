import { expect, test, type Page } from "@playwright/test";

/**
 * The bar: a barista works an order through the live queue while the customer's tracking page and
 * the shop's status board follow it, then hands it over with the pickup code. Orders are placed
 * through the API at the airport shop, which is open around the clock.
 */

const SHOP_SLUG = "sfo-terminal-2";
const SHOP = "Go Coffee SFO Terminal 2";
const LIVE = { timeout: 15_000 }; // a change that goes through the workers and the stream

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const lane = (page: Page, name: "Queued" | "Preparing" | "Ready") => page.getByRole("region", { name, exact: true });

test("a barista makes an order and hands it over while the customer and the board follow live", { tag: "@phone" }, async ({ page: barista, browser, baseURL }) => {
  // The barista signs in, finds the shop and opens its queue before the order exists.
  await barista.goto("/barista");
  await expect(barista).toHaveURL(/\/sign-in\?callbackUrl=%2Fbarista$/);
  await signIn(barista, "barista@gocoffee.test", "espresso-barista");
  await expect(barista.getByRole("heading", { level: 1, name: "Your shops" })).toBeVisible();
  await barista.getByRole("link", { name: new RegExp(SHOP) }).click();
  await expect(barista.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
  await expect(barista.getByText("Live", { exact: true })).toBeVisible(LIVE);

  // A customer orders and follows the order.
  const customer = await (await browser.newContext({ baseURL })).newPage();
  const response = await customer.request.post("/api/orders", {
    data: {
      shop: SHOP_SLUG,
      customerName: "Margaret Hamilton",
      items: [
        { product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } },
        { product: "butter-croissant", quantity: 1 },
      ],
    },
  });
  expect(response.status()).toBe(201);
  const { order } = (await response.json()) as { order: { id: string; pickupCode: string; trackingUrl: string } };
  await customer.goto(order.trackingUrl);
  await expect(customer.getByText("Status: In the queue")).toBeVisible(LIVE);

  const board = await (await browser.newContext({ baseURL })).newPage();
  await board.goto(`/shops/${SHOP_SLUG}/board`);
  await expect(board.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();

  // The ticket arrives on the queue without a reload.
  const ticketName = `Margaret Hamilton ${order.pickupCode}`;
  const queued = lane(barista, "Queued").getByRole("article", { name: ticketName });
  await expect(queued).toBeVisible(LIVE);
  await expect(queued).toContainText("Caffè latte");
  await expect(queued).toContainText("Large (16 oz) · Oat milk");
  await expect(queued).toContainText("Butter croissant");
  await expect(queued).toContainText("Pay at pickup");
  await queued.getByRole("button", { name: "Start" }).click();

  const preparing = lane(barista, "Preparing").getByRole("article", { name: ticketName });
  await expect(preparing).toBeVisible();
  await expect(queued).toBeHidden();
  await expect(customer.getByText("Status: Being prepared")).toBeVisible(LIVE);
  await expect(board.getByRole("region", { name: "Preparing" })).toContainText("Margaret H.");

  await preparing.getByRole("checkbox", { name: "Caffè latte" }).check();
  await expect(preparing.getByRole("checkbox", { name: "Butter croissant" })).not.toBeChecked();
  await preparing.getByRole("button", { name: "Ready" }).click();

  const ready = lane(barista, "Ready").getByRole("article", { name: ticketName });
  await expect(ready).toBeVisible();
  await expect(customer.getByText("Your order is ready", { exact: true })).toBeVisible(LIVE);
  const readyBoard = board.getByRole("region", { name: "Ready for pickup" });
  await expect(readyBoard).toContainText("Margaret H.", LIVE);
  // The public screen shows a name to call, never the code that collects the order.
  await expect(readyBoard).not.toContainText(order.pickupCode);
  await expect(readyBoard).not.toContainText("Hamilton");

  // At the counter: a wrong code says so; the customer's code finds the order.
  await barista.getByLabel("Pickup code").fill("ZZZZZ");
  await barista.getByRole("button", { name: "Find" }).click();
  await expect(barista.getByRole("main").getByRole("alert")).toHaveText(/No order is ready for pickup with that code/);
  await barista.getByLabel("Pickup code").fill(order.pickupCode.toLowerCase());
  await barista.getByRole("button", { name: "Find" }).click();
  const found = barista.getByRole("group", { name: "Margaret Hamilton" });
  await expect(found).toContainText("Caffè latte");
  await found.getByRole("button", { name: "Hand over" }).click();

  await expect(barista.getByText(`Collected: Margaret Hamilton (${order.pickupCode})`)).toBeVisible();
  await expect(ready).toBeHidden();
  await expect(customer.getByText("Status: Collected")).toBeVisible(LIVE);
  await expect(readyBoard).not.toContainText("Margaret H.", LIVE);
});

test("a customer who opens a shop's queue is told they do not work there", async ({ page }) => {
  await page.goto(`/barista/${SHOP_SLUG}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fbarista%2Fsfo-terminal-2$/);
  await signIn(page, "customer@gocoffee.test", "espresso-customer");
  await expect(page.getByRole("heading", { level: 1, name: "You do not work at this shop" })).toBeVisible();
  await expect(page.getByText("customer@gocoffee.test")).toBeVisible();
});

test("the status board of an unknown shop is not found, and the old board address redirects to the new one", async ({ page }) => {
  const response = await page.goto("/shops/no-such-shop/board");
  expect(response?.status()).toBe(404);
  // The old address still leads there.
  await page.goto(`/shop/${SHOP_SLUG}/board`);
  await expect(page).toHaveURL(new RegExp(`/shops/${SHOP_SLUG}/board$`));
  await expect(page.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
});
