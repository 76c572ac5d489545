import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { query } from "./support/db";

/**
 * The phone: a customer installs nothing, allows notifications on the tracking page, closes it,
 * and "Your order is ready" arrives when the barista marks the order ready.
 *
 * What runs for real: the app's service worker (public/sw.js), the page's subscribe flow, the
 * server's subscription endpoint, the worker that signs (VAPID) and encrypts (aes128gcm) the push
 * with the `web-push` library, and a push service that checks the signature and decrypts the
 * payload with the subscription's keys (scripts/testing/fake-push.ts). What stands in for the
 * outside world: Chromium's push service is FCM, which this machine cannot reach, so the page's
 * PushManager hands out the fake service's subscription (same PushSubscription shape), and the
 * test carries what the service received to the service worker over DevTools
 * (ServiceWorker.deliverPushMessage), which is where FCM's delivery would land.
 */

const SHOP = "Go Coffee SFO Terminal 2";
const SHOP_SLUG = "sfo-terminal-2";
const PUSH = process.env.E2E_FAKE_PUSH_URL!;
const LIVE = { timeout: 15_000 };

type Subscription = { endpoint: string; keys: { p256dh: string; auth: string } };
type Received = { subscription: string; payload: string; urgency: string | null };

/**
 * Hands the page the fake push service's subscription in place of FCM's (see above). Like a real
 * browser's, it outlives the page: kept in the origin's storage until unsubscribed.
 */
async function pushManagerOfTheFakeService(context: BrowserContext, sub: Subscription) {
  await context.addInitScript((s: Subscription) => {
    const STORED = "e2e.fake-push-subscription-key";
    const subscription = (key: Uint8Array): PushSubscription =>
      ({
        endpoint: s.endpoint,
        expirationTime: null,
        options: { applicationServerKey: key.buffer, userVisibleOnly: true },
        toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }),
        unsubscribe: async () => (localStorage.removeItem(STORED), true),
        getKey: () => null,
      }) as unknown as PushSubscription;
    PushManager.prototype.getSubscription = async () => {
      const stored = localStorage.getItem(STORED);
      return stored ? subscription(Uint8Array.from(stored.split(",").map(Number))) : null;
    };
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      const key = options?.applicationServerKey as Uint8Array;
      (window as unknown as { subscribedWithKey: string }).subscribedWithKey = btoa(String.fromCharCode(...key)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
      localStorage.setItem(STORED, Array.from(key).join(","));
      return subscription(key);
    };
  }, sub);
}

/** What the push service received for this subscription, decrypted. */
async function pushesTo(endpoint: string): Promise<Received[]> {
  const all = (await (await fetch(`${PUSH}/_fake/messages`)).json()) as Received[];
  return all.filter((m) => endpoint.endsWith(`/push/${m.subscription}`));
}

async function notifications(page: Page): Promise<{ title: string; body: string }[]> {
  return page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({ title: n.title, body: n.body })));
}

/** The barista signs in, opens the shop's queue, starts the ticket and marks it ready. */
async function makeItReady(barista: Page, ticketName: string) {
  await barista.goto("/barista");
  await barista.getByLabel("Email").fill("barista@gocoffee.test");
  await barista.getByLabel("Password").fill("espresso-barista");
  await barista.getByRole("button", { name: "Sign in", exact: true }).click();
  await barista.getByRole("link", { name: new RegExp(SHOP) }).click();
  const ticket = (lane: string) => barista.getByRole("region", { name: lane, exact: true }).getByRole("article", { name: ticketName });
  await ticket("Queued").getByRole("button", { name: "Start" }).click();
  await ticket("Preparing").getByRole("button", { name: "Ready" }).click();
  await expect(ticket("Ready")).toBeVisible();
}

/** Hands a push the fake service received to the page's service worker, where FCM's delivery would land, and waits for the notifications it shows. */
async function deliverAsThePushService(context: BrowserContext, page: Page, baseURL: string, payload: string, shown: { title: string; body: string }[]) {
  const devtools = await context.newCDPSession(page);
  const registration = new Promise<string>((resolve) =>
    devtools.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
      const r = registrations.find((x) => x.scopeURL === `${baseURL}/` && !x.isDeleted);
      if (r) resolve(r.registrationId);
    }),
  );
  await devtools.send("ServiceWorker.enable");
  const registrationId = await registration;
  // Delivered again if nothing shows within 5 s: once, in a full run, the first delivery to a fresh
  // full Chromium showed nothing. The stand-in for FCM is what is retried, not the app; a second
  // delivery of the same push replaces the first notification (same tag), so there is still one.
  await expect(async () => {
    await devtools.send("ServiceWorker.deliverPushMessage", { origin: baseURL, registrationId, data: payload });
    await expect.poll(() => notifications(page), { timeout: 5_000 }).toEqual(shown);
  }).toPass({ timeout: 30_000 });
}

test("a customer allows notifications, closes the tracking page, and gets the ready push", async ({ browser, baseURL, page: barista }) => {
  const sub = (await (await fetch(`${PUSH}/_fake/subscriptions`, { method: "POST" })).json()) as Subscription;
  const context = await browser.newContext({ baseURL });
  await context.grantPermissions(["notifications"], { origin: baseURL! });
  await pushManagerOfTheFakeService(context, sub);
  const customer = await context.newPage();

  // The customer orders a croissant as a guest.
  await customer.goto(`/shops/${SHOP_SLUG}`);
  await expect(customer.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
  await customer.getByRole("button", { name: "Butter croissant" }).click();
  await customer.getByRole("dialog", { name: "Butter croissant" }).getByRole("button", { name: /^Add to cart/ }).click();
  await customer.getByRole("button", { name: /^Cart/ }).click();
  await customer.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await customer.getByLabel("Name for pickup").fill("Katherine Johnson");
  await customer.getByRole("button", { name: "Place order" }).click();
  await expect(customer).toHaveURL(/\/orders\/[0-9a-f-]{36}\?token=/);
  const code = (await customer.getByRole("region", { name: "Pickup code" }).getByText(/^[A-HJ-NP-Z2-9]{5}$/).textContent())!;

  // Notifications: one tap, the browser's permission (granted), and the page says what will happen.
  const notifier = customer.getByRole("region", { name: "Ready notification" });
  await notifier.getByRole("button", { name: "Notify me when it's ready" }).click();
  await expect(notifier.getByRole("status")).toHaveText(`Notifications are on: this device will be told when order ${code} is ready, even with this page closed.`);
  // Subscribed with this server's VAPID key, the one the push is signed with.
  expect(await customer.evaluate(() => (window as unknown as { subscribedWithKey: string }).subscribedWithKey)).toBe(process.env.VAPID_PUBLIC_KEY);
  // The customer leaves the tracking page (another page of the site stays open, for DevTools to reach the worker).
  await customer.goto("/");

  await makeItReady(barista, `Katherine Johnson ${code}`);

  // The worker pushed it: signed, encrypted to this device, urgent.
  await expect.poll(async () => (await pushesTo(sub.endpoint)).length, LIVE).toBe(1);
  const [received] = await pushesTo(sub.endpoint);
  expect(received!.urgency).toBe("high");
  expect(JSON.parse(received!.payload)).toMatchObject({ title: "Your order is ready" });

  // The push reaches the service worker as FCM would deliver it, and the phone shows it.
  await deliverAsThePushService(context, customer, baseURL!, received!.payload, [{ title: "Your order is ready", body: `Order ${code} is waiting at ${SHOP}. Show code ${code} at the counter.` }]);
  await context.close();
});

test("a signed-in customer turns notifications on for the account: a later order buzzes this device without its page; signing out here stops them", async ({ browser, baseURL, page: barista }) => {
  const sub = (await (await fetch(`${PUSH}/_fake/subscriptions`, { method: "POST" })).json()) as Subscription;
  const context = await browser.newContext({ baseURL });
  await context.grantPermissions(["notifications"], { origin: baseURL! });
  await pushManagerOfTheFakeService(context, sub);
  const customer = await context.newPage();
  const name = "Mary Jackson";
  const email = `mary-${Date.now().toString(36)}@example.test`;

  await customer.goto("/sign-up?callbackUrl=%2Faccount");
  await customer.getByLabel("Name").fill(name);
  await customer.getByLabel("Email").fill(email);
  await customer.getByLabel("Password").fill("a-long-enough-password");
  await customer.getByRole("button", { name: "Create account" }).click();
  await expect(customer.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();

  // On the Account page, once for this device.
  const device = customer.getByRole("region", { name: "Notifications on this device" });
  await device.getByRole("button", { name: "Notify me on this device" }).click();
  await expect(device.getByRole("status")).toHaveText("Notifications are on: this device is told when any of your orders is ready or cancelled, until you sign out here.");

  // The server's list says so after a reload too (not this browser's memory).
  await customer.reload();
  await expect(device.getByRole("status")).toBeVisible();

  // An order, its page's own button never pressed, and left for the home page.
  await customer.goto(`/shops/${SHOP_SLUG}`);
  await customer.getByRole("button", { name: "Butter croissant" }).click();
  await customer.getByRole("dialog", { name: "Butter croissant" }).getByRole("button", { name: /^Add to cart/ }).click();
  await customer.getByRole("button", { name: /^Cart/ }).click();
  await customer.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await customer.getByLabel("Name for pickup").fill(name);
  await customer.getByRole("button", { name: "Place order" }).click();
  await expect(customer).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const code = (await customer.getByRole("region", { name: "Pickup code" }).getByText(/^[A-HJ-NP-Z2-9]{5}$/).textContent())!;
  await expect(customer.getByRole("region", { name: "Ready notification" }).getByRole("button", { name: "Notify me when it's ready" })).toBeVisible();
  await customer.goto("/");

  await makeItReady(barista, `${name} ${code}`);
  await expect.poll(async () => (await pushesTo(sub.endpoint)).length, LIVE).toBe(1);
  const [received] = await pushesTo(sub.endpoint);
  expect(JSON.parse(received!.payload)).toMatchObject({ title: "Your order is ready", url: expect.stringMatching(/^\/orders\/[0-9a-f-]{36}$/) });
  await deliverAsThePushService(context, customer, baseURL!, received!.payload, [{ title: "Your order is ready", body: `Order ${code} is waiting at ${SHOP}. Show code ${code} at the counter.` }]);

  // Signing out on this device turns it off: the next order of the account buzzes nothing here.
  await customer.getByRole("button", { name }).click(); // the account menu
  await customer.getByRole("button", { name: "Sign out" }).click();
  await expect(customer.getByRole("link", { name: "Sign in" })).toBeVisible();
  const rows = await query<{ n: string }>("SELECT count(*)::text AS n FROM account_push_devices WHERE endpoint = $1", [sub.endpoint]);
  expect(rows[0]!.n).toBe("0");
  await context.close();
});

test("a customer sees which devices the account tells, and removes a lost one from another device", async ({ browser, baseURL }) => {
  const email = `ada-${Date.now().toString(36)}@example.test`;
  const password = "a-long-enough-password";
  const deviceWithPush = async () => {
    const sub = (await (await fetch(`${PUSH}/_fake/subscriptions`, { method: "POST" })).json()) as Subscription;
    const context = await browser.newContext({ baseURL });
    await context.grantPermissions(["notifications"], { origin: baseURL! });
    await pushManagerOfTheFakeService(context, sub);
    return { sub, context, page: await context.newPage() };
  };
  const turnOn = async (page: Page) => {
    const device = page.getByRole("region", { name: "Notifications on this device" });
    await device.getByRole("button", { name: "Notify me on this device" }).click();
    await expect(device.getByRole("status")).toBeVisible();
  };
  const list = (page: Page) => page.getByRole("list", { name: "Devices told about your orders" });

  const laptop = await deviceWithPush();
  await laptop.page.goto("/sign-up?callbackUrl=%2Faccount");
  await laptop.page.getByLabel("Name").fill("Ada L");
  await laptop.page.getByLabel("Email").fill(email);
  await laptop.page.getByLabel("Password").fill(password);
  await laptop.page.getByRole("button", { name: "Create account" }).click();
  await expect(laptop.page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  // No device yet: no list.
  await expect(list(laptop.page)).toHaveCount(0);
  await turnOn(laptop.page);
  // The list appears with this one, marked, and no Remove (its own switch turns it off).
  await expect(list(laptop.page).getByRole("listitem")).toHaveCount(1);
  await expect(list(laptop.page).getByRole("listitem").first()).toContainText("This device");
  await expect(list(laptop.page).getByRole("button", { name: /^Remove/ })).toHaveCount(0);

  const phone = await deviceWithPush();
  await phone.page.goto("/sign-in?callbackUrl=%2Faccount");
  await phone.page.getByLabel("Email").fill(email);
  await phone.page.getByLabel("Password").fill(password);
  await phone.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone.page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await turnOn(phone.page);
  await expect(list(phone.page).getByRole("listitem")).toHaveCount(2);
  await expect(list(phone.page).getByRole("listitem").nth(1)).toContainText("This device");

  // The phone is lost: from the laptop, remove it.
  await laptop.page.reload();
  await expect(list(laptop.page).getByRole("listitem")).toHaveCount(2);
  await expect(list(laptop.page).getByRole("listitem").first()).toContainText("This device");
  await list(laptop.page).getByRole("button", { name: /^Remove .*\(device 2\)$/ }).click();
  await expect(list(laptop.page).getByRole("listitem")).toHaveCount(1);
  await expect(list(laptop.page).getByRole("listitem").first()).toContainText("This device");
  const left = await query<{ endpoint: string }>("SELECT endpoint FROM account_push_devices d JOIN users u ON u.id = d.user_id WHERE u.email = $1", [email]);
  expect(left.map((r) => r.endpoint)).toEqual([laptop.sub.endpoint]);

  // The phone, opened again, is off (the server's list says so) and offers to turn on.
  await phone.page.reload();
  await expect(phone.page.getByRole("region", { name: "Notifications on this device" }).getByRole("button", { name: "Notify me on this device" })).toBeVisible();
  await expect(list(phone.page).getByText("This device")).toHaveCount(0);
  await laptop.context.close();
  await phone.context.close();
});

test("the site installs as an app, and the menu and an order's page open offline once seen", async ({ browser, baseURL, request }) => {
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const app = (await manifest.json()) as { name: string; display: string; start_url: string; icons: { src: string; sizes: string; purpose: string }[] };
  expect(app).toMatchObject({ name: "Go Coffee", display: "standalone", start_url: "/" });
  expect(app.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of app.icons) {
    const png = await request.get(icon.src);
    expect(png.headers()["content-type"]).toBe("image/png");
  }

  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(`/shops/${SHOP_SLUG}`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Seen once while the worker is in charge: the menu, then an order's tracking page.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
  const placed = await page.request.post("/api/orders", { data: { shop: SHOP_SLUG, customerName: "Dorothy Vaughan", items: [{ product: "butter-croissant", quantity: 1 }] } });
  const { order } = (await placed.json()) as { order: { trackingUrl: string; pickupCode: string } };
  await page.goto(order.trackingUrl);
  await expect(page.getByRole("heading", { level: 1, name: "Your order" })).toBeVisible();

  await context.setOffline(true);
  await page.goto(`/shops/${SHOP_SLUG}`);
  await expect(page.getByRole("heading", { level: 1, name: SHOP })).toBeVisible();
  await expect(page.getByRole("button", { name: "Butter croissant" })).toBeVisible();
  await page.goto(order.trackingUrl);
  await expect(page.getByRole("region", { name: "Pickup code" })).toContainText(order.pickupCode);
  // A page never seen says so, instead of the browser's error.
  await page.goto("/orders/00000000-0000-7000-8000-000000000000");
  await expect(page.getByRole("heading", { level: 1, name: "You are offline" })).toBeVisible();
  await context.close();
});
