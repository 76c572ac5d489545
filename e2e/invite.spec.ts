import { expect, test, type Page } from "@playwright/test";
import { linkIn, mailTo } from "./support/mail";

/**
 * Staff invitations end to end: a manager invites an address, the mail arrives (the local mail
 * sink), its owner follows the link, creates an account with that address and joins; the link
 * then works for nobody. Someone who signed up with the address beforehand gets nothing from the
 * invitation itself.
 */

const SHOP = "chicago-loop";
const SHOP_NAME = "Go Coffee The Loop";
test.describe.configure({ timeout: 90_000 });
const SLOW = { timeout: 15_000 };

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function invite(page: Page, email: string) {
  await page.goto(`/manager/${SHOP}/staff`);
  await signIn(page, "manager@gocoffee.test", "espresso-manager");
  await expect(page.getByRole("heading", { level: 2, name: "Staff" })).toBeVisible(SLOW);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Add to staff" }).click();
  await expect(page.getByRole("status")).toContainText(`Invited ${email}: we mailed them a link`);
}

const unique = (who: string, project: string) => `${who}-${project}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@example.test`;

test("an invited barista follows the mailed link, creates an account with that address and joins the shop, once", async ({ page, browser, baseURL }, testInfo) => {
  const email = unique("hire", testInfo.project.name);
  await invite(page, email);

  const mail = await mailTo(email, /^You're invited to join/);
  expect(mail.subject).toBe(`You're invited to join ${SHOP_NAME} on Go Coffee`);
  const link = linkIn(mail);
  expect(link).toMatch(/^\/invites\/[\w-]{43}$/);

  const hire = await (await browser.newContext({ baseURL })).newPage();
  await hire.goto(link);
  await expect(hire.getByRole("heading", { level: 1, name: `Join ${SHOP_NAME}` })).toBeVisible(SLOW);
  await expect(hire.getByText(`The invitation is for ${email}`)).toBeVisible();
  await hire.getByRole("link", { name: "Create an account" }).click();
  await expect(hire.getByLabel("Email")).toHaveValue(email);
  await hire.getByLabel("Name").fill("Nia Barista");
  await hire.getByLabel("Password").fill("a-long-enough-password");
  await hire.getByRole("button", { name: "Create account" }).click();

  // Back at the invitation, signed in with the invited address.
  await hire.getByRole("button", { name: `Join ${SHOP_NAME}` }).click({ timeout: 15_000 });
  await expect(hire).toHaveURL(new RegExp(`/barista/${SHOP}$`), SLOW);
  await expect(hire.getByRole("heading", { level: 1, name: SHOP_NAME })).toBeVisible(SLOW);

  // The address is confirmed by the invitation; the link is spent.
  await hire.goto("/account");
  await expect(hire.getByText("Confirmed")).toBeVisible();
  await hire.goto(link);
  await expect(hire.getByRole("heading", { level: 1, name: "This invitation is no longer valid" })).toBeVisible();
});

test("signing up first with an invited address grants nothing; a different account cannot use the link", async ({ page, browser, baseURL }, testInfo) => {
  const email = unique("target", testInfo.project.name);
  // Mallory signs up with the address before (and after) the invitation: no staff role from that.
  const mallory = await (await browser.newContext({ baseURL })).newPage();
  await mallory.goto(`/sign-up?callbackUrl=%2Fbarista%2F${SHOP}`);
  await mallory.getByLabel("Name").fill("Mallory");
  await mallory.getByLabel("Email").fill(email);
  await mallory.getByLabel("Password").fill("a-long-enough-password");
  await mallory.getByRole("button", { name: "Create account" }).click();
  await expect(mallory.getByRole("heading", { level: 1, name: "You do not work at this shop" })).toBeVisible(SLOW);

  await invite(page, email);
  const link = linkIn(await mailTo(email, /^You're invited/));
  await mallory.goto(`/barista/${SHOP}`);
  await expect(mallory.getByRole("heading", { level: 1, name: "You do not work at this shop" })).toBeVisible(SLOW);

  // Someone signed in with another address sees whom the link is for, and no button.
  const other = await (await browser.newContext({ baseURL })).newPage();
  await other.goto(`/sign-in?callbackUrl=${encodeURIComponent(link)}`);
  await signIn(other, "customer@gocoffee.test", "espresso-customer");
  await expect(other.getByRole("main").getByRole("alert")).toContainText(`Sign out, then sign in or create an account with ${email} to accept.`, SLOW);
  await expect(other.getByRole("button", { name: /^Join/ })).toHaveCount(0);
});
