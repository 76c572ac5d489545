import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { linkIn, MAIL_INBOX, mailTo } from "./support/mail";

/**
 * Email receipts as a customer meets them: a new customer confirms their address, orders a large
 * oat latte and a croissant at SFO (the seed's prices: $7.45 + $3.95, tax 8.63 %: $12.38), the
 * barista makes it and hands it over, and the receipt arrives in the demo inbox (the local mail
 * sink) with the right total. Turned off on the account page, the next collected order mails nothing.
 */

const SHOP = "Go Coffee SFO Terminal 2";
const SHOP_SLUG = "sfo-terminal-2";
const LIVE = { timeout: 15_000 };
test.describe.configure({ timeout: 180_000 });

async function signUpConfirmed(page: Page, name: string, email: string) {
  await page.goto("/sign-up?callbackUrl=%2Faccount");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a-long-enough-password");
  await page.getByRole("button", { name: "Create account" }).click();
  // exact: the sign-up page's own heading is "Create an account".
  await expect(page.getByRole("heading", { level: 1, name: "Account", exact: true })).toBeVisible(LIVE);
  await page.goto(linkIn(await mailTo(email, /^Confirm your email/)));
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("status")).toHaveText(`Thank you: ${email} is confirmed.`);
}

/**
 * Orders a large oat latte and a croissant; answers the order's id and pickup code. A guest asks
 * for a receipt at `receipt.email` (after `receipt.typo`, refused at the field); signed in, the
 * form has no such field (receipts go to the account's address).
 */
async function order(page: Page, name: string, receipt?: { email: string; typo?: string }): Promise<{ id: string; code: string }> {
  await page.goto("/");
  await page.getByRole("region", { name: "Shops" }).getByRole("link", { name: SHOP }).click();
  await page.getByRole("button", { name: "Caffè latte" }).click();
  const latte = page.getByRole("dialog", { name: "Caffè latte" });
  await latte.getByRole("radio", { name: /Large/ }).check();
  await latte.getByRole("radio", { name: /Oat milk/ }).check();
  await latte.getByRole("button", { name: "Add to cart — $7.45" }).click();
  await expect(latte).toBeHidden();
  await page.getByRole("button", { name: "Butter croissant" }).click();
  await page.getByRole("dialog", { name: "Butter croissant" }).getByRole("button", { name: "Add to cart — $3.95" }).click();
  await page.getByRole("button", { name: /^Cart/ }).click();
  await page.getByRole("dialog", { name: "Your cart" }).getByRole("link", { name: /Checkout/ }).click();
  await expect(page.getByRole("region", { name: "Your order" }).getByText("Total", { exact: true }).locator("xpath=..")).toContainText("$12.38");
  await page.getByLabel("Name for pickup").fill(name);
  const receiptField = page.getByLabel("Email me a receipt");
  if (!receipt) await expect(receiptField).toHaveCount(0);
  if (receipt?.typo) {
    await receiptField.fill(receipt.typo);
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByText("Enter an email address like you@example.com, or leave it empty")).toBeVisible();
    await expect(page).toHaveURL(/\/checkout$/);
  }
  if (receipt) await receiptField.fill(receipt.email);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}(\?token=[\w-]+)?$/);
  const id = new URL(page.url()).pathname.split("/").at(-1)!;
  const code = (await page.getByRole("region", { name: "Pickup code" }).getByText(/^[A-HJ-NP-Z2-9]{5}$/).textContent())!.trim();
  return { id, code };
}

/** The barista starts the order, marks it ready and hands it over with the customer's code. */
async function collect(barista: Page, name: string, code: string) {
  const lane = (l: string) => barista.getByRole("region", { name: l, exact: true });
  const ticket = `${name} ${code}`;
  await lane("Queued").getByRole("article", { name: ticket }).getByRole("button", { name: "Start" }).click(LIVE);
  await lane("Preparing").getByRole("article", { name: ticket }).getByRole("button", { name: "Ready" }).click(LIVE);
  await expect(lane("Ready").getByRole("article", { name: ticket })).toBeVisible();
  await barista.getByLabel("Pickup code").fill(code);
  await barista.getByRole("button", { name: "Find" }).click();
  await barista.getByRole("group", { name }).getByRole("button", { name: "Hand over" }).click();
  await expect(barista.getByText(`Collected: ${name} (${code})`)).toBeVisible();
}

async function baristaAtSfo(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const barista = await (await browser.newContext({ baseURL })).newPage();
  await barista.goto(`/barista/${SHOP_SLUG}`);
  await barista.getByLabel("Email").fill("barista@gocoffee.test");
  await barista.getByLabel("Password").fill("espresso-barista");
  await barista.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(barista.getByRole("heading", { level: 1, name: SHOP })).toBeVisible(LIVE);
  await expect(barista.getByText("Live", { exact: true })).toBeVisible(LIVE);
  return barista;
}

async function count(sql: string, params: unknown[]): Promise<number> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}

/** Whether the integrations worker has handled the order's CLAIMED event (a receipt would be recorded in that same transaction). */
const claimHandled = (orderId: string) =>
  count(
    `SELECT 1 FROM processed_events p JOIN outbox_events o ON o.id = p.event_id
     WHERE p.consumer = 'integrations' AND o.type = 'order.status_changed' AND o.payload->>'orderId' = $1 AND o.payload->>'to' = 'CLAIMED'`,
    [orderId],
  );
const receiptRecorded = (orderId: string) => count("SELECT 1 FROM integration_deliveries WHERE idempotency_key = $1", [`receipt:${orderId}`]);

test("a signed-in customer gets a receipt when the barista hands the order over, and can turn receipts off", async ({ page, browser, baseURL }, testInfo) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `receipt-${testInfo.project.name}-${stamp}@example.test`;
  const name = `Rhea ${stamp}`;
  await signUpConfirmed(page, name, email);
  const barista = await baristaAtSfo(browser, baseURL);

  const first = await order(page, name);
  await collect(barista, name, first.code);
  await expect(page.getByText("Status: Collected")).toBeVisible(LIVE);

  // The receipt: through the outbox, Kafka, the integrations consumer and the delivery engine.
  const receipt = await mailTo(email, /^Your receipt from/);
  expect(receipt.subject).toBe(`Your receipt from ${SHOP}: order ${first.code}, $12.38`);
  expect(receipt.text).toMatch(/1 × Caffè latte +\$7\.45/);
  expect(receipt.text).toContain("Large (16 oz), Oat milk");
  expect(receipt.text).toMatch(/Tax +\$0\.98/);
  expect(receipt.text).toMatch(/Total +\$12\.38/);
  expect(receipt.text).toContain("Paid at the counter when you picked up.");

  // The demo inbox page shows it.
  const inbox = await (await browser.newContext()).newPage();
  await inbox.goto(MAIL_INBOX);
  const article = inbox.getByRole("article").filter({ hasText: `To ${email}` }).filter({ has: inbox.getByRole("heading", { name: receipt.subject }) });
  await expect(article).toBeVisible();
  await expect(article).toContainText(/Total +\$12\.38/);

  // Mail providers' one-click unsubscribe points at the app (RFC 8058); the mail's own link opens a page.
  expect(receipt.listUnsubscribe).toEqual({ url: expect.stringMatching(/^<http:\/\/127\.0\.0\.1:\d+\/api\/mail\/receipts-off\/[0-9a-f-]{36}\.[\w-]+>$/), post: "List-Unsubscribe=One-Click" });
  expect(receipt.text).toMatch(/Stop receipt emails: http:\/\/\S+\/receipts\/stop\/\S+/);

  // Receipts off, on the account page.
  await page.goto("/account");
  const setting = page.getByRole("checkbox", { name: "Email me a receipt when I collect an order" });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: we will not email you receipts.");
  await page.reload();
  await expect(setting).not.toBeChecked();

  const second = await order(page, name);
  await collect(barista, name, second.code);
  await expect.poll(() => claimHandled(second.id), LIVE).toBe(1);
  expect(await receiptRecorded(second.id)).toBe(0);
  expect(await receiptRecorded(first.id)).toBe(1);
  const { messages } = (await (await fetch(`${MAIL_INBOX}/messages?to=${encodeURIComponent(email)}`)).json()) as { messages: { subject: string }[] };
  expect(messages.filter((m) => m.subject.startsWith("Your receipt")).map((m) => m.subject)).toEqual([receipt.subject]);
});

test("the receipt's own link stops receipts without signing in; a forged link changes nothing", async ({ page, browser, baseURL, request }, testInfo) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `stop-${testInfo.project.name}-${stamp}@example.test`;
  const name = `Sol ${stamp}`;
  await signUpConfirmed(page, name, email);
  const barista = await baristaAtSfo(browser, baseURL);
  const first = await order(page, name);
  await collect(barista, name, first.code);
  const receipt = await mailTo(email, /^Your receipt from/);
  const stopLink = /Stop receipt emails: (http:\/\/\S+)/.exec(receipt.text)![1]!;
  const token = stopLink.split("/").at(-1)!;

  // A stranger's guesses: another account's id under this signature, a made-up token. 422, nothing changes.
  const forged = `00000000-0000-4000-8000-000000000000.${token.split(".")[1]}`;
  for (const bad of [forged, "not-a-token"]) {
    const refused = await request.post(`/api/mail/receipts-off/${bad}`, { form: { "List-Unsubscribe": "One-Click" } });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.message).toMatch(/not one we sent/);
  }
  const stranger = await (await browser.newContext({ baseURL })).newPage();
  await stranger.goto(`/receipts/stop/${forged}`);
  // (Next's route announcer is an empty alert region too.)
  await expect(stranger.getByRole("alert").filter({ hasText: "This link is not one we sent" })).toBeVisible();
  await expect(stranger.getByRole("button", { name: "Stop receipt emails" })).toHaveCount(0);

  // Opening the real link (signed out, as a mail app would) changes nothing until the button is pressed.
  const reader = await (await browser.newContext({ baseURL })).newPage();
  await reader.goto(new URL(stopLink).pathname);
  await expect(reader.getByRole("heading", { level: 1, name: "Stop receipt emails" })).toBeVisible();
  await expect(reader.getByText(`We email ${email[0]}***@example.test a receipt for every order collected.`)).toBeVisible();
  await page.goto("/account");
  const setting = page.getByRole("checkbox", { name: "Email me a receipt when I collect an order" });
  await expect(setting).toBeChecked();
  await reader.getByRole("button", { name: "Stop receipt emails" }).click();
  await expect(reader.getByRole("status")).toHaveText(`Done: we will not email ${email[0]}***@example.test receipts any more.`);
  await page.reload();
  await expect(setting).not.toBeChecked();

  // The next collected order mails nothing; the one-click address answers the same account, harmlessly, again.
  const second = await order(page, name);
  await collect(barista, name, second.code);
  await expect.poll(() => claimHandled(second.id), LIVE).toBe(1);
  expect(await receiptRecorded(second.id)).toBe(0);
  const again = await request.post(new URL(receipt.listUnsubscribe!.url.slice(1, -1)).pathname, { form: { "List-Unsubscribe": "One-Click" } });
  expect(again.status()).toBe(200);
  expect(await again.json()).toEqual({ receipts: "off", email: `${email[0]}***@example.test` });
});

test("a guest asks for a receipt at checkout, gets it when they collect, and its link stops receipts to that address", async ({ page, browser, baseURL, request }, testInfo) => {
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const email = `guest-${testInfo.project.name}-${stamp}@example.test`;
  const name = `Gus ${stamp}`;
  const masked = `g***@example.test`;
  const barista = await baristaAtSfo(browser, baseURL);

  // A typo is caught at the field before anything is placed.
  const first = await order(page, name, { email, typo: "gus-at-example.test" });
  await expect(page.getByText(`Emailed to ${masked} when you collect`)).toBeVisible();
  await collect(barista, name, first.code);
  await expect(page.getByText("Status: Collected")).toBeVisible(LIVE);

  const receipt = await mailTo(email, /^Your receipt from/);
  expect(receipt.subject).toBe(`Your receipt from ${SHOP}: order ${first.code}, $12.38`);
  expect(receipt.text).toMatch(/Total +\$12\.38/);
  // The guest's order link opens the order (it carries the tracking token) in a browser that never saw it.
  const orderLink = /Your order: (http:\/\/\S+)/.exec(receipt.text)![1]!;
  const elsewhere = await (await browser.newContext({ baseURL })).newPage();
  const { pathname, search } = new URL(orderLink);
  await elsewhere.goto(pathname + search);
  await expect(elsewhere.getByText("Status: Collected")).toBeVisible(LIVE);

  // Its stop link: a page with a button, then no more receipts to that address.
  const stopLink = /Stop receipt emails to this address: (http:\/\/\S+)/.exec(receipt.text)![1]!;
  // A stranger's forgeries of the one-click address: the signature moved to another order, or to the
  // account kind of token. 422, and receipts to the address stay on (checked by the page below).
  const signature = stopLink.split(".").at(-1)!;
  for (const forged of [`o-00000000-0000-4000-8000-000000000000.${signature}`, `${first.id}.${signature}`]) {
    const refused = await request.post(`/api/mail/receipts-off/${forged}`, { form: { "List-Unsubscribe": "One-Click" } });
    expect(refused.status()).toBe(422);
    expect((await refused.json()).error.message).toMatch(/not one we sent/);
  }
  await elsewhere.goto(new URL(stopLink).pathname);
  await expect(elsewhere.getByText(`We email ${masked} a receipt when an order placed with this address is collected.`)).toBeVisible();
  await elsewhere.getByRole("button", { name: "Stop receipt emails" }).click();
  await expect(elsewhere.getByRole("status")).toHaveText(`Done: we will not email ${masked} receipts any more.`);

  const second = await order(page, name, { email: email.toUpperCase() });
  await collect(barista, name, second.code);
  await expect.poll(() => claimHandled(second.id), LIVE).toBe(1);
  expect(await receiptRecorded(second.id)).toBe(0);
  expect(await receiptRecorded(first.id)).toBe(1);
});
