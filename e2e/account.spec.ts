import { expect, test, type Page } from "@playwright/test";

/** Accounts: sign up, the account menu, sign out and in again, and "My orders". */

async function openAccountMenu(page: Page, name: string) {
  const header = page.getByRole("banner");
  await header.getByRole("button", { name }).click();
  return header.getByRole("navigation", { name: "Account" });
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a new customer signs up, signs out, signs in again and has no orders yet", { tag: "@phone" }, async ({ page }, testInfo) => {
  const name = `Robin ${testInfo.project.name}`;
  const email = `robin-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const password = "a-long-enough-password";

  await page.goto("/sign-up?callbackUrl=%2Faccount");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("too-short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("The password must be at least 10 characters")).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name })).toBeVisible();

  // Sign out from the account menu: the account pages then ask to sign in.
  await (await openAccountMenu(page, name)).getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto("/account/orders");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Forders$/);

  await signIn(page, email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email or password is not right.");

  await signIn(page, email.toUpperCase(), password);
  await expect(page).toHaveURL(/\/account\/orders$/);
  await expect(page.getByRole("heading", { level: 1, name: "My orders" })).toBeVisible();
  await expect(page.getByText("You have no orders yet.")).toBeVisible();

  // The menu leads to both account pages.
  await (await openAccountMenu(page, name)).getByRole("link", { name: "Account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("main").getByText(email)).toBeVisible();
  // A customer's mail settings: receipts, and no alert mails (only staff are mailed alerts).
  await expect(page.getByRole("checkbox", { name: "Email me a receipt when I collect an order" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Email me my/ })).toHaveCount(0);
  await (await openAccountMenu(page, name)).getByRole("link", { name: "My orders" }).click();
  await expect(page.getByText("You have no orders yet.")).toBeVisible();
});

test("the demo customer sees their past orders, newest first, with links to track them", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/account/orders");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount%2Forders$/);
  await signIn(page, "customer@gocoffee.test", "espresso-customer");

  await expect(page.getByRole("heading", { level: 1, name: "My orders" })).toBeVisible();
  const orders = page.getByRole("list", { name: "Orders" }).getByRole("article");
  await expect(orders.first()).toBeVisible();
  expect(await orders.count()).toBeGreaterThan(0);
  const first = orders.first();
  await expect(first.getByRole("link", { name: "View order" })).toHaveAttribute("href", /^\/orders\/[0-9a-f-]{36}$/);
  await expect(first.getByRole("button", { name: /^Order again/ })).toBeVisible();
  await expect(first.getByText(/\$\d+\.\d{2}/)).toBeVisible();

  const times = await orders.locator("time").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("datetime") ?? ""));
  expect(times).toEqual([...times].sort().reverse());
});

test("the sign-in page explains a wrong password and keeps people on this site", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal&error=Call%20us%20to%20unlock");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Signing in did not work. Please try again.");
  await signIn(page, "customer@gocoffee.test", "espresso-customer");
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/steal$/);
});

test("order again re-places a past order, or says why it cannot", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2Faccount%2Forders");
  await signIn(page, "customer@gocoffee.test", "espresso-customer");
  const first = page.getByRole("list", { name: "Orders" }).getByRole("article").first();
  await first.getByRole("button", { name: /^Order again/ }).click();
  // The demo shop may be closed at this hour: then the order is refused with a sentence instead.
  await expect(async () => {
    const placed = /\/orders\/[0-9a-f-]{36}$/.test(page.url());
    const explained = (await first.getByRole("alert").count()) > 0 && /\w+ \w+/.test(await first.getByRole("alert").innerText());
    expect(placed || explained).toBe(true);
  }).toPass({ timeout: 10_000 });
});

test("a manager turns the alert mails off on the account page (the bell keeps them), and on again", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  const setting = page.getByRole("checkbox", { name: "Email me my shops' warnings and critical alerts" });
  await expect(setting).toBeChecked({ timeout: 20_000 });
  try {
    await setting.uncheck();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: we will not email you alerts; the bell still shows them.");
    await page.reload();
    await expect(setting).not.toBeChecked();
  } finally {
    // The demo manager's mails stay on for everyone else.
    await setting.check();
    await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveText("Saved: we will email you your shops' warnings and critical alerts.");
  }
});
