import { expect, test } from "@playwright/test";
import pg from "pg";
import { BUCKETS, bucketOf } from "../lib/analytics/histogram";

/**
 * Ordering for later, end to end: a customer picks a pickup time later today by its label, the
 * tracking page promises "Ready at …", and the order reaches the barista queue when it fires,
 * marked with its time. A slot that has been filled through the API (refused with 409 once full)
 * shows as full at checkout.
 *
 * Fire time = pickup time − the espresso bar's measured p90 prep time. The spec adds a slow tail to
 * SFO's measured prep times (analytics_timing_daily, 13 days ago: inside the two-week window,
 * outside the dashboard's default period) so the p90 is about 50 minutes: the first slot's fire
 * time has then already come, and the order processor (SCHEDULE_POLL_MS, short in the test run)
 * releases it at once. No clock is faked; the tail is taken out again at the end.
 */

const SHOP = "sfo-terminal-2";
const LIVE = { timeout: 20_000 };
const STATIONS = ["ESPRESSO_BAR", "BREW", "FOOD"];
const TAIL = { fast: { seconds: 120, n: 2000 }, slow: { seconds: 3000, n: 1000 } };

/** Adds (1) or takes back (−1) the slow tail in SFO's measured prep times, bucket by bucket. */
async function measured(sign: 1 | -1): Promise<void> {
  const buckets = Array<number>(BUCKETS).fill(0);
  for (const { seconds, n } of [TAIL.fast, TAIL.slow]) buckets[bucketOf(seconds)]! += sign * n;
  const count = sign * (TAIL.fast.n + TAIL.slow.n);
  const total = sign * (TAIL.fast.n * TAIL.fast.seconds + TAIL.slow.n * TAIL.slow.seconds);
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    for (const station of STATIONS) {
      await client.query(
        `INSERT INTO analytics_timing_daily AS a (shop_id, day, metric, count, total_seconds, buckets)
         SELECT s.id, (now() AT TIME ZONE s.timezone)::date - 13, $2, $3, $4, $5::int[] FROM shops s WHERE s.slug = $1
         ON CONFLICT (shop_id, day, metric) DO UPDATE SET count = a.count + excluded.count, total_seconds = a.total_seconds + excluded.total_seconds,
           buckets = (SELECT array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY k) FROM unnest(a.buckets, excluded.buckets) WITH ORDINALITY AS u(x, y, k))`,
        [SHOP, `prep:${station}`, count, total, buckets],
      );
    }
  } finally {
    await client.end();
  }
}

test.describe.configure({ timeout: 90_000 });

test("a customer orders for later: picks a time by its label, is promised it, and the barista sees it when it fires; full times are marked", { tag: "@phone" }, async ({ page, browser, baseURL, request }) => {
  await measured(1);
  try {
    await page.goto(`/shops/${SHOP}`);
    await page.getByRole("button", { name: "Caffè latte" }).first().click();
    await page.getByRole("dialog", { name: "Caffè latte" }).getByRole("button", { name: /^Add to cart/ }).click();
    await page.getByRole("button", { name: /^Cart/ }).click();
    await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();

    const when = page.getByRole("group", { name: "When" });
    await expect(when.getByRole("radio", { name: /^As soon as possible \(about \d+ min\)$/ })).toBeChecked();
    // SFO is open around the clock, but pickup times are today's: in its last hour (23:00–24:00 in
    // San Francisco, 07:00–08:00 UTC) too few are left to work with (a run at 23:49 with two left
    // failed: the first one's fire and the day's end meet), and in its last minutes the checkout
    // offers no "Later today" at all.
    const laterToday = when.getByText("Later today", { exact: true });
    test.skip((await laterToday.count()) === 0, "no pickup times left today at SFO");
    await laterToday.click();
    const time = page.getByLabel("Pickup time");
    const options = time.locator("option:not([disabled])");
    test.skip((await options.count()) < 4, "fewer than four pickup times left today at SFO");
    // Fill the last time of the day through the API, as a stranger with curl would try: refused with 409 once full.
    const later = (await options.last().getAttribute("value"))!;
    const laterLabel = (await options.last().textContent())!;
    let placed = 0;
    for (let i = 0; i < 40; i++) {
      const response = await request.post("/api/orders", { data: { shop: SHOP, customerName: `Filler ${i}`, pickupAt: later, items: [{ product: "caffe-latte", quantity: 1 }] } });
      if (response.status() === 409) {
        expect(((await response.json()) as { error: { message: string } }).error.message).toBe(`The ${laterLabel} pickup time is full. Please choose another time.`);
        break;
      }
      expect(response.status()).toBe(201);
      placed++;
    }
    expect(placed).toBeLessThan(40);
    // A time that has passed is refused too, whatever the client sends.
    const past = await request.post("/api/orders", { data: { shop: SHOP, customerName: "Too late", pickupAt: new Date(Date.now() - 30 * 60_000).toISOString(), items: [{ product: "caffe-latte", quantity: 1 }] } });
    expect(past.status()).toBe(422);

    await page.reload();
    await page.getByRole("group", { name: "When" }).getByText("Later today", { exact: true }).click();
    await expect(page.getByLabel("Pickup time").getByRole("option", { name: `${laterLabel} (full)` })).toBeDisabled();

    // The customer takes the second time offered, by its label: a slot must be at least the typical
    // prep time (~3 min) ahead, so near a quarter hour the first one offered can be refused a minute
    // later (seen: 09:45, invalid on placing). With a p90 of ~50 minutes, the second one fires at once too.
    const first = (await page.getByLabel("Pickup time").locator("option:not([disabled])").nth(1).textContent())!;
    expect(first).toMatch(/^\d\d:\d\d$/);
    await page.getByLabel("Pickup time").selectOption({ label: first });
    await page.getByLabel("Name for pickup").fill("Later Lou");
    await page.getByRole("button", { name: "Place order" }).click();

    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
    await expect(page.getByText(`Ready at ${first}`)).toBeVisible();
    const code = (await page.getByRole("region", { name: "Pickup code" }).getByText(/^[A-HJ-NP-Z2-9]{5}$/).textContent())!;

    // Its fire time has come: the processor releases it to the queue, marked with its time.
    const barista = await (await browser.newContext({ baseURL })).newPage();
    await barista.goto(`/barista/${SHOP}`);
    await barista.getByLabel("Email").fill("barista@gocoffee.test");
    await barista.getByLabel("Password").fill("espresso-barista");
    await barista.getByRole("button", { name: "Sign in", exact: true }).click();
    const ticket = barista.getByRole("region", { name: "Queued", exact: true }).getByRole("article", { name: `Later Lou ${code}` });
    await expect(ticket).toBeVisible(LIVE);
    await expect(ticket).toContainText(`For ${first}`);
    // The customer's page follows live, and keeps the promise in view.
    await expect(page.getByText("In the queue").first()).toBeVisible(LIVE);
    await expect(page.getByText(`Ready at ${first}`)).toBeVisible();
  } finally {
    await measured(-1);
  }
});
