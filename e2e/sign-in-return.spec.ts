import { expect, test } from "@playwright/test";

/** The header's "Sign in" brings people back to where they were, and only ever to this site. */

async function signIn(page: import("@playwright/test").Page) {
  await page.getByLabel("Email").fill("customer@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-customer");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("signing in from a shop's menu returns to that menu, filters kept", { tag: "@phone" }, async ({ page }) => {
  await page.goto("/shops/sfo-terminal-2?diet=vegan");
  await page.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fshops%2Fsfo-terminal-2%3Fdiet%3Dvegan$/);
  await signIn(page);
  await expect(page).toHaveURL(/\/shops\/sfo-terminal-2\?diet=vegan$/);
  await expect(page.getByRole("heading", { level: 1, name: "Go Coffee SFO Terminal 2" })).toBeVisible();
});

// One sign-in per test: two in one test ran past the 30 s test timeout on a loaded machine.
test("a protocol-relative callbackUrl to another site is refused: the sign-in stays on ours", async ({ page, baseURL }) => {
  await page.goto(`/sign-in?${new URLSearchParams({ callbackUrl: "//evil.example/steal" })}`);
  await signIn(page);
  await expect(page).toHaveURL(`${baseURL}/`);
});

test("an absolute callbackUrl to another site keeps only its path on ours", async ({ page, baseURL }) => {
  await page.goto(`/sign-in?${new URLSearchParams({ callbackUrl: "https://evil.example/steal" })}`);
  await signIn(page);
  await expect(page).toHaveURL(`${baseURL}/steal`); // only the path survives: never another origin
});
