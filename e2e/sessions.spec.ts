import { expect, test, type Browser, type Page } from "@playwright/test";

/**
 * Ending sessions: "Sign out everywhere" on one browser signs the account out in another within the
 * session refresh interval (SESSION_REFRESH_SECONDS: scripts/test.ts sets 2 s for these tests; a
 * minute by default), and a password change does the same while the browser that changed it stays
 * signed in with the new password.
 */

const REFRESH_S = 2;

async function signUp(page: Page, email: string, password: string) {
  await page.goto("/sign-up?callbackUrl=%2Faccount");
  await page.getByLabel("Name").fill("Sam");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
}

async function signInElsewhere(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  return page;
}

/** Reloads the account page until it sends the browser to sign in; returns how long that took. */
async function signedOutWithin(page: Page, seconds: number): Promise<number> {
  const started = Date.now();
  await expect(async () => {
    await page.goto("/account");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/, { timeout: 500 });
  }).toPass({ timeout: seconds * 1000, intervals: [250] });
  return (Date.now() - started) / 1000;
}

const uniqueEmail = (label: string) => `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;

test("'Sign out everywhere' signs the account out in this browser at once and in another within the refresh interval", async ({ page, browser }) => {
  const email = uniqueEmail("everywhere");
  const password = "a-long-enough-password";
  await signUp(page, email, password);
  const other = await signInElsewhere(browser, email, password);

  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);

  const took = await signedOutWithin(other, REFRESH_S + 8);
  console.log(`the other browser was signed out ${took.toFixed(1)} s after "Sign out everywhere" (refresh interval ${REFRESH_S} s)`);
  await other.context().close();
});

test("a password change signs other browsers out and keeps this one signed in with the new password", async ({ page, browser }) => {
  const email = uniqueEmail("password");
  const password = "a-long-enough-password";
  await signUp(page, email, password);
  const other = await signInElsewhere(browser, email, password);

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password").fill("an-even-longer-password");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Your password has been changed. Other devices are signed out within a minute.");

  await signedOutWithin(other, REFRESH_S + 8);
  // This browser signed in again with the new password: still signed in after the refresh interval.
  await page.waitForTimeout((REFRESH_S + 1) * 1000);
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await other.context().close();
});
