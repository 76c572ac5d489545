import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";

/**
 * Social posts, end to end: an admin connects Mastodon (the run's local fake instance, by its URL)
 * and X (the run's local fake X API, by its URL as the API base URL) for SFO; SFO's manager opens
 * the Social screen, finds today's special (drafted by the social agent's rules), tries an edit
 * with an invented price (refused, nothing changes), approves it; the integrations worker
 * publishes it to both with the product's picture as a PNG, and the screen shows each link. The
 * fake instance received one status with one PNG, the fake X one post with one PNG.
 */

const SHOP = "sfo-terminal-2";
const SHOP_NAME = "Go Coffee SFO Terminal 2";
// Two connections (Mastodon and X), then the manager: 180 s on the shared 2-core machine.
test.describe.configure({ timeout: 180_000 });
const SLOW = { timeout: 45_000 };
const MASTODON = process.env.E2E_FAKE_MASTODON_URL!;
const X = process.env.E2E_FAKE_X_URL!;
/** The app registered at the fake X (scripts/testing/fake-x.ts, FAKE_X_CLIENT_ID). */
const X_CLIENT_ID = "Z29jb2ZmZWUtZmFrZS1jbGllbnQ";

type FakeStatus = { id: string; url: string; text: string; media: { contentType: string; isPng: boolean; size: number }[] };
const statuses = async (): Promise<FakeStatus[]> => (await (await fetch(`${MASTODON}/_fake/statuses`)).json()) as FakeStatus[];
type FakeXPost = { id: string; url: string; text: string; media: { contentType: string; isPng: boolean; size: number; altText: string | null }[] };
const xPosts = async (): Promise<FakeXPost[]> => (await (await fetch(`${X}/_fake/posts`)).json()) as FakeXPost[];

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin connects Mastodon and X; a manager approves today's special → published with its picture, the link shown", async ({ page, browser }) => {
  const stamp = Date.now().toString(36);
  const label = `Social e2e ${stamp}`;
  const xLabel = `Social e2e on X ${stamp}`;
  // A clean start for SFO: earlier runs' posts and Mastodon and X connections (the special is once a day).
  await query(`DELETE FROM agent_proposals p USING shops s WHERE p.shop_id = s.id AND s.slug = $1 AND p.kind = 'social_post'`, [SHOP]);
  await query(`DELETE FROM integrations WHERE kind IN ('MASTODON', 'X')`);

  // The admin connects the instance: a refused token first, then a good one.
  await page.goto("/admin/integrations");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);
  const form = page.getByRole("form", { name: "Connect Mastodon" });
  await form.getByLabel("Label").fill(label);
  await form.getByLabel("Instance URL").fill(MASTODON);
  await form.getByLabel("Access token").fill("invalid-e2e-token");
  await form.getByRole("group", { name: /^Publish posts of/ }).getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
  await form.getByRole("button", { name: "Connect Mastodon" }).click();
  await expect(form.getByText(/Mastodon refused the access token \(401/).first()).toBeVisible(SLOW);
  await expect(page.getByRole("article", { name: `Mastodon: ${label}` })).toHaveCount(0);
  await form.getByLabel("Access token").fill(`e2e-token-${stamp}`);
  await form.getByRole("button", { name: "Connect Mastodon" }).click();
  const card = page.getByRole("article", { name: `Mastodon: ${label}` });
  await expect(card).toBeVisible(SLOW);
  await expect(card.getByText("Active")).toBeVisible();
  await expect(card).toContainText("@gocoffee");
  await expect(page.locator("body")).not.toContainText(`e2e-token-${stamp}`);
  await card.getByRole("button", { name: "Send a test" }).click();
  await expect(card.getByText("Test queued")).toBeVisible();
  const log = page.getByRole("list", { name: "Deliveries" });
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole("listitem").filter({ hasText: label }).filter({ hasText: "test" }).getByText("Delivered")).toBeVisible({ timeout: 3_000 });
  }).toPass(SLOW);
  expect((await statuses()).filter((s) => s.text.includes(stamp))).toEqual([]);

  // Then X, by the form's labels: a refused token first, then a good one.
  const xForm = page.getByRole("form", { name: "Connect X" });
  await xForm.getByLabel("Label").fill(xLabel);
  await expect(xForm.getByLabel("API base URL")).toHaveValue("https://api.x.com");
  await xForm.getByLabel("API base URL").fill(X);
  await xForm.getByLabel("Access token").fill("invalid-e2e-x-token");
  await xForm.getByRole("group", { name: /^Publish posts of/ }).getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
  await xForm.getByRole("button", { name: "Connect X" }).click();
  await expect(xForm.getByText(/X refused the access token \(401/).first()).toBeVisible(SLOW);
  await expect(page.getByRole("article", { name: `X: ${xLabel}` })).toHaveCount(0);
  // The good connection goes through X's consent page (tokens that renew): declined once, then authorized.
  const authorizeX = async (decision: "Authorize app" | "Cancel") => {
    const xAuth = page.getByRole("form", { name: "Connect with X" });
    await xAuth.getByLabel("Label").fill(xLabel);
    await xAuth.getByLabel("API base URL").fill(X);
    await xAuth.getByLabel("Client ID").fill(X_CLIENT_ID);
    await xAuth.getByRole("group", { name: /^Publish posts of/ }).getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
    await xAuth.getByRole("button", { name: "Continue to X" }).click();
    await expect(page.getByRole("heading", { name: "Go Coffee wants to access your X account" })).toBeVisible(SLOW);
    await expect(page.getByText(/offline\.access/)).toBeVisible();
    await page.getByRole("button", { name: decision }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);
  };
  await authorizeX("Cancel");
  await expect(page.getByRole("alert").filter({ hasText: "X connection not made: the X account did not authorize Go Coffee." })).toBeVisible();
  await expect(page.getByRole("article", { name: `X: ${xLabel}` })).toHaveCount(0);
  await authorizeX("Authorize app");
  await expect(page.getByRole("status").filter({ hasText: "X connected as @gocoffee." })).toBeVisible();
  const xCard = page.getByRole("article", { name: `X: ${xLabel}` });
  await expect(xCard).toBeVisible(SLOW);
  await expect(xCard.getByText("Active")).toBeVisible();
  await expect(xCard).toContainText("@gocoffee");

  // SFO's manager, in a browser of their own.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await manager.goto(`/manager/${SHOP}/social`);
  await signIn(manager, "manager@gocoffee.test", "espresso-manager");
  await expect(manager.getByRole("heading", { name: "Social posts" })).toBeVisible(SLOW);
  await expect(manager.getByText(`Publishing to Mastodon: ${label}`)).toBeVisible();
  await expect(manager.getByText(`X: ${xLabel} (@gocoffee)`)).toBeVisible();
  // The worker drafts the special at start; the clean start above removed it, so draft it here (same rule),
  // unless the worker started after that clean start and drafted it already (a loaded machine: seen here).
  const special = manager.getByRole("article", { name: /^Today's special: / });
  const draft = manager.getByRole("button", { name: "Draft today's special" });
  await expect(special.or(draft).first()).toBeVisible(SLOW);
  if (await draft.isVisible()) await draft.click();
  await expect(special).toBeVisible(SLOW);
  await expect(special).toContainText("written by rules (template)");
  const product = ((await special.getByRole("heading").textContent()) ?? "").replace("Today's special: ", "");
  const text = special.getByLabel(`Post text about ${product}`);
  const drafted = await text.inputValue();
  expect(drafted).toMatch(new RegExp(`^Today's special at ${SHOP_NAME}: ${product}, \\$\\d+\\.\\d{2}\\.`));
  expect(drafted).toContain(`/shops/${SHOP}`);

  const { violations } = await new AxeBuilder({ page: manager }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), "axe on the Social screen").toEqual([]);

  // An invented price is refused with the reason; nothing changes.
  await text.fill(`${product} for just $0.99 today!`);
  await special.getByRole("button", { name: `Approve the post about ${product}` }).click();
  await expect(special.getByText(/price that is not/)).toBeVisible(SLOW);
  await manager.reload();
  await expect(special.getByLabel(`Post text about ${product}`)).toHaveValue(drafted);

  // An edit that passes the checks, approved.
  const edited = `${drafted} Made fresh by the team ${stamp}.`;
  await special.getByLabel(`Post text about ${product}`).fill(edited);
  await special.getByRole("button", { name: `Approve the post about ${product}` }).click();
  const published = manager.getByRole("link", { name: /^Published on Mastodon: / });
  const publishedOnX = manager.getByRole("link", { name: /^Published on X: / });
  await expect(async () => {
    await manager.reload();
    await expect(published).toBeVisible({ timeout: 3_000 });
    await expect(publishedOnX).toBeVisible({ timeout: 3_000 });
  }).toPass(SLOW);
  const link = await published.getAttribute("href");
  expect(link).toMatch(new RegExp(`^${MASTODON}/@gocoffee/\\d+$`));

  // The instance got that text once, with one PNG picture.
  const mine = (await statuses()).filter((s) => s.text.includes(stamp));
  expect(mine).toHaveLength(1);
  expect(mine[0]!.text).toBe(edited);
  expect(mine[0]!.url).toBe(link);
  expect(mine[0]!.media).toHaveLength(1);
  expect(mine[0]!.media[0]).toMatchObject({ contentType: "image/png", isPng: true });
  expect(mine[0]!.media[0]!.size).toBeGreaterThan(1000);

  // X got it once too, with one PNG and its description; its link is the post's x.com address.
  const xLink = await publishedOnX.getAttribute("href");
  expect(xLink).toMatch(/^https:\/\/x\.com\/gocoffee\/status\/\d+$/);
  const onX = (await xPosts()).filter((p) => p.url === xLink);
  expect(onX).toHaveLength(1);
  // The same text, or (past 280) its beginning cut at a word with "…".
  expect(onX[0]!.text === edited || edited.startsWith(onX[0]!.text.replace(/…$/, ""))).toBe(true);
  expect(onX[0]!.media).toHaveLength(1);
  expect(onX[0]!.media[0]).toMatchObject({ contentType: "image/png", isPng: true, altText: `Illustration of ${product}` });
  await context.close();

  // X stops renewing the tokens (revoked there): the connection waits for the admin, who connects it again with X.
  await query(`UPDATE integrations SET status = 'BROKEN', status_reason = 'X would not renew the access token (400). Connect the account with X again.' WHERE kind = 'X'`);
  await page.reload();
  await expect(xCard.getByText("Needs a new token")).toBeVisible(SLOW);
  await xCard.getByRole("button", { name: "Connect with X again" }).click();
  await expect(page.getByRole("heading", { name: "Go Coffee wants to access your X account" })).toBeVisible(SLOW);
  await page.getByRole("button", { name: "Authorize app" }).click();
  await expect(page.getByRole("status").filter({ hasText: "X connected as @gocoffee." })).toBeVisible(SLOW);
  await expect(xCard.getByText("Active")).toBeVisible();
  await expect(page.getByRole("article", { name: /^X: / })).toHaveCount(1);
});
