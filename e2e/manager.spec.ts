import { expect, test, type Page } from "@playwright/test";

/**
 * The manager screens: a manager changes a price and the customer menu shows it (and the change is
 * in the activity log); staff and settings refuse bad input with a message; a barista opening a
 * manager page gets the friendly 403. The Loop (Chicago) is the shop edited here.
 */

const SHOP = "chicago-loop";

// Each test walks through several server-rendered pages; on a busy 2-core CI machine that takes
// longer than the default 30 s.
test.describe.configure({ timeout: 90_000 });
const SLOW = { timeout: 15_000 }; // the first render after signing in

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

const cents = (text: string) => Math.round(Number(text.replace(/[^0-9.]/g, "")) * 100);
const dollars = (c: number) => (c / 100).toFixed(2);

async function menuCardPrice(page: Page, product: string): Promise<number> {
  await page.goto(`/shops/${SHOP}`);
  const card = page.getByRole("article", { name: product });
  return cents((await card.getByText(/^\$\d+\.\d\d$/).textContent()) ?? "");
}

test("a manager changes a price, the menu shows it and the activity log records it", async ({ page }) => {
  const before = await menuCardPrice(page, "Caffè latte");

  await page.goto(`/manager/${SHOP}/menu`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/, SLOW);
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 1, name: "Go Coffee The Loop" })).toBeVisible(SLOW);

  const price = page.getByLabel("Price of Caffè latte");
  const old = cents(await price.inputValue());
  await price.fill(dollars(old + 35));
  await page.getByRole("button", { name: "Save Caffè latte" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  // New orders price from a menu cached for 2 s; the menu page itself reads fresh.
  expect(await menuCardPrice(page, "Caffè latte")).toBe(before + 35);

  await page.goto(`/manager/${SHOP}/activity`);
  // .first(): the other viewport's run made the same change.
  await expect(page.getByRole("cell", { name: `Caffè latte: price $${dollars(old)} → $${dollars(old + 35)}` }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: "manager@gocoffee.test" }).first()).toBeVisible();

  // A price that is not a price is refused on the spot and nothing is saved.
  await page.goto(`/manager/${SHOP}/menu`);
  await page.getByLabel("Price of Caffè latte").fill("four dollars");
  await page.getByRole("button", { name: "Save Caffè latte" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a price like 4.75." })).toBeVisible();

  // Put it back for the other viewport's run.
  await page.getByLabel("Price of Caffè latte").fill(dollars(old));
  await page.getByRole("button", { name: "Save Caffè latte" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
});

test("a manager invites a barista and refuses a malformed wallet in the settings", async ({ page }, testInfo) => {
  await page.goto(`/manager/${SHOP}/staff`);
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 2, name: "Staff" })).toBeVisible(SLOW);
  // Managers add baristas; only admins can make managers.
  await expect(page.getByRole("combobox", { name: "Role" }).getByRole("option")).toHaveText(["Barista"]);

  const email = `new-barista-${testInfo.project.name}-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Add to staff" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${email}`);
  await expect(page.getByRole("region", { name: "Invitations" }).or(page.getByRole("list")).getByText(email)).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  const wallet = page.getByLabel("Receiving wallet address");
  const original = await wallet.inputValue();
  await wallet.fill("0x1234");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter an address like 0x… with 40 hexadecimal characters.").first()).toBeVisible();

  // The margin the beverage inventor prices new drinks at: a typo caught, then a change kept.
  const margin = page.getByLabel("Target margin for new drinks (%)");
  const originalMargin = await margin.inputValue();
  await wallet.fill(original);
  await margin.fill("sixty");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Enter a percentage like 70 (two decimals at most).")).toBeVisible();

  await page.getByLabel("Closed on Sunday").check();
  await margin.fill("65");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
  await page.reload();
  await expect(margin).toHaveValue("65");
  await page.getByLabel("Closed on Sunday").uncheck();
  await margin.fill(originalMargin);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();

  await page.getByRole("link", { name: "Activity" }).click();
  await expect(page.getByRole("cell", { name: `Invited ${email} as barista` })).toBeVisible();
  await expect(page.getByRole("cell", { name: /target margin for new drinks/ }).first()).toBeVisible();
});

test("a barista who opens a manager page sees a friendly 403", async ({ page }) => {
  await page.goto(`/manager/${SHOP}/settings`);
  await signIn(page, "barista@gocoffee.test", "espresso-barista");
  await expect(page.getByRole("heading", { level: 1, name: "This page is for the shop’s managers" })).toBeVisible(SLOW);
  await expect(page.getByText("barista@gocoffee.test")).toBeVisible();
  await expect(page.getByLabel("Receiving wallet address")).toHaveCount(0);
});

test("an admin opens a new shop and lands on its settings", async ({ page }, testInfo) => {
  await page.goto("/admin/shops/new");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Open a shop" })).toBeVisible(SLOW);

  const name = `Go Coffee Union ${testInfo.project.name}`;
  await page.getByLabel("Shop name").fill(name);
  await page.getByLabel("Street address").fill("1 Broadway");
  await page.getByLabel("City").fill("Oakland");
  await page.getByLabel("Postal code").fill("94612");
  await page.getByLabel("Country code").fill("U");
  await page.getByLabel("Time zone").selectOption("America/Los_Angeles");
  await page.getByRole("button", { name: "Open shop" }).click();
  await expect(page.getByText("Use the two-letter country code, like US.").first()).toBeVisible();

  await page.getByLabel("Country code").fill("US");
  await page.getByRole("button", { name: "Open shop" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible(SLOW);
  await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveAttribute("aria-current", "page");
});

test("a manager who is not an admin cannot open shops", async ({ page }) => {
  await page.goto("/admin/shops/new");
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 1, name: "Only admins can open shops" })).toBeVisible(SLOW);
});
