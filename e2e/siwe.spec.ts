import { expect, test, type Page } from "@playwright/test";

/**
 * Sign-In with Ethereum against anvil: the "Test wallet" (wagmi's mock connector on anvil
 * account #0, offered because scripts/test.ts sets WALLET_TEST_CONNECTOR) connects and signs; the
 * server checks the message and spends its nonce.
 */

// Wallet dialogs on a busy 2-core machine: give the whole flow room.
test.describe.configure({ timeout: 60_000 });

const ACCOUNT_NAME = "0xf39F…2266";

async function signInWithTestWallet(page: Page) {
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  // The wallet code loads on this click and opens RainbowKit's dialog.
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: /Test wallet/ }).click({ timeout: 20_000 });
  await expect(dialog.getByText("Verify your account")).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole("button", { name: "Sign message" }).click();
}

/** The account corner (in the header on account pages, above the shops on the home page). */
const accountButton = (page: Page) => page.getByRole("button", { name: ACCOUNT_NAME });

async function signOut(page: Page) {
  await accountButton(page).click();
  await page.getByRole("navigation", { name: "Account" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
}

test("a customer signs in with an Ethereum wallet, is signed in as that account, and signs out", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=%2Faccount");
  await signInWithTestWallet(page);

  await expect(page).toHaveURL(/\/account$/, { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Account" })).toBeVisible();
  await expect(page.getByRole("banner").getByRole("button", { name: ACCOUNT_NAME })).toBeVisible();
  // A wallet account: its address, no email, no password to change.
  await expect(page.getByRole("main").getByText("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Change password" })).toHaveCount(0);

  await signOut(page);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);

  // The same wallet signs in again (a fresh nonce) into the same account.
  await signInWithTestWallet(page);
  await expect(page).toHaveURL(/\/account$/, { timeout: 15_000 });
  await expect(accountButton(page)).toBeVisible();
});

test("a signed message cannot be replayed to sign in again", async ({ page }) => {
  const posted = page.waitForRequest((request) => request.url().endsWith("/api/auth/callback/siwe") && request.method() === "POST");
  await page.goto("/sign-in");
  await signInWithTestWallet(page);
  const form = new URLSearchParams((await posted).postData() ?? "");
  const message = form.get("message") ?? "";
  const signature = form.get("signature") ?? "";
  expect(message).toContain("wants you to sign in with your Ethereum account");
  await expect(accountButton(page)).toBeVisible({ timeout: 15_000 });
  await signOut(page);

  // Same browser (cookies), a valid CSRF token, the exact message and signature that worked.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const replay = await page.request.post("/api/auth/callback/siwe", { form: { message, signature, csrfToken, json: "true", callbackUrl: "/" } });
  expect(replay.status()).toBe(401);
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: unknown };
  expect(session.user).toBeUndefined();
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
});
