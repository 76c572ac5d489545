import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { query } from "./support/db";

/**
 * Social posts, end to end: an admin connects Mastodon (the run's local fake instance, by its URL)
 * for SFO; SFO's manager opens the Social screen, finds today's special (drafted by the social
 * agent's rules), tries an edit with an invented price (refused, nothing changes), approves it;
 * the integrations worker publishes it with the product's picture as a PNG, and the screen shows
 * "Published" with the status's link. The fake instance received one status with one PNG.
 */

const SHOP = "sfo-terminal-2";
const SHOP_NAME = "Go Coffee SFO Terminal 2";
test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 45_000 };
const MASTODON = process.env.E2E_FAKE_MASTODON_URL!;

type FakeStatus = { id: string; url: string; text: string; media: { contentType: string; isPng: boolean; size: number }[] };
const statuses = async (): Promise<FakeStatus[]> => (await (await fetch(`${MASTODON}/_fake/statuses`)).json()) as FakeStatus[];

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin connects Mastodon; a manager approves today's special → published with its picture, the link shown", async ({ page, browser }) => {
  const stamp = Date.now().toString(36);
  const label = `Social e2e ${stamp}`;
  // A clean start for SFO: earlier runs' posts and Mastodon connections (the special is once a day).
  await query(`DELETE FROM agent_proposals p USING shops s WHERE p.shop_id = s.id AND s.slug = $1 AND p.kind = 'social_post'`, [SHOP]);
  await query(`DELETE FROM integrations WHERE kind = 'MASTODON'`);

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

  // SFO's manager, in a browser of their own.
  const context = await browser.newContext();
  const manager = await context.newPage();
  await manager.goto(`/manager/${SHOP}/social`);
  await signIn(manager, "manager@gocoffee.test", "espresso-manager");
  await expect(manager.getByRole("heading", { name: "Social posts" })).toBeVisible(SLOW);
  await expect(manager.getByText(`Publishing to Mastodon: ${label}`)).toBeVisible();
  // The worker drafts the special at start; the clean start above removed it, so draft it here (same rule).
  await manager.getByRole("button", { name: "Draft today's special" }).click();
  const special = manager.getByRole("article", { name: /^Today's special: / });
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
  const published = manager.getByRole("link", { name: /^Published: / });
  await expect(async () => {
    await manager.reload();
    await expect(published).toBeVisible({ timeout: 3_000 });
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
  await context.close();
});
