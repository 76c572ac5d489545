import { expect, test, type Page } from "@playwright/test";

/**
 * The menu mirrored to an Airtable base, end to end against the local fake Airtable the run starts
 * (scripts/testing/fake-airtable.ts, playwright.config.ts), which checks the token's scopes and
 * bases as Airtable does: an admin pastes a token without access to the base and is told what to
 * add; with one that has it, the three tables are made and the shop's menu arrives through the
 * integrations worker; then a price changed on the shop's menu screen reaches the base through the
 * catalog event on Kafka.
 */

test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };
const stamp = Date.now().toString(36);
const SHOP = "sfo-terminal-2";
const SHOP_NAME = "Go Coffee SFO Terminal 2";
const fakeUrl = () => process.env.AIRTABLE_API_URL!;

type Base = { id: string; name: string; tables: { name: string; records: { fields: Record<string, string | number | boolean> }[] }[] };
const fake = async <T>(path: string, body?: unknown): Promise<T> => (await (await fetch(`${fakeUrl()}/_fake/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as T;
const rows = async (baseId: string, table: string) => (await fake<Base>(`bases/${baseId}`)).tables.find((t) => t.name === table)?.records.map((r) => r.fields) ?? [];
const latteRow = async (baseId: string) => (await rows(baseId, "Menu")).find((r) => r.Key === `${SHOP}/caffe-latte`);

async function signIn(page: Page) {
  await page.getByLabel("Email").fill("admin@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-admin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin connects an Airtable base: told what the token lacks, then the tables are made, the menu arrives, and a price change follows", async ({ page }) => {
  const base = await fake<Base>("bases", { name: `Menu book ${stamp}` });
  const { token: elsewhere } = await fake<{ token: string }>("tokens", { bases: [] });
  const { token } = await fake<{ token: string }>("tokens", { bases: [base.id] });
  const name = `Airtable ${stamp}`;

  await page.goto("/admin/integrations");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);
  const form = page.getByRole("form", { name: "Connect Airtable" });
  await form.getByLabel("Label").fill(name);
  await form.getByLabel("Base address").fill(`https://airtable.com/${base.id}/tblAAAAAAAAAAAAAA/viwAAAAAAAAAAAAAA`);
  await form.getByLabel("Personal access token").fill(elsewhere);
  await form.getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
  await form.getByRole("button", { name: "Connect Airtable" }).click();
  await expect(form.getByText(`the token cannot reach the base ${base.id}: add it to the token's access`).first()).toBeVisible(SLOW);
  await expect(page.getByRole("article", { name: `Airtable: ${name}` })).toHaveCount(0);

  await form.getByLabel("Personal access token").fill(token);
  await form.getByRole("button", { name: "Connect Airtable" }).click();
  await expect(form.getByRole("status")).toHaveText("Airtable connected (made the table Menu; made the table Options; made the table Recipes): the menu is being mirrored, and every menu change follows.", SLOW);
  const card = page.getByRole("article", { name: `Airtable: ${name}` });
  await expect(card).toContainText(`Base “Menu book ${stamp}”`);
  await expect(card.getByText("Active")).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // The whole mirror was queued on connecting; the integrations worker writes it.
  const log = page.getByRole("list", { name: "Deliveries" });
  await expect(log.getByRole("listitem").filter({ hasText: name }).filter({ hasText: "Menu mirror (connected)" }).getByText("Delivered")).toBeVisible(SLOW);
  const before = await latteRow(base.id);
  expect(before).toMatchObject({ Shop: SHOP_NAME, Product: "Caffè latte", Currency: "USD", Available: true });
  expect((await rows(base.id, "Recipes")).some((r) => r.Product === "Caffè latte")).toBe(true);

  // A price changed on the shop's menu screen: outbox → Kafka → the integrations worker → the base.
  const old = Math.round(Number(before!.Price) * 100);
  await page.goto(`/manager/${SHOP}/menu`);
  await page.getByLabel("Price of Caffè latte").fill(((old + 15) / 100).toFixed(2));
  await page.getByRole("button", { name: "Save Caffè latte" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible(SLOW);
  await expect.poll(async () => (await latteRow(base.id))?.Price, SLOW).toBe((old + 15) / 100);

  // Put it back (other specs read this shop's prices); the mirror follows that too.
  await page.getByLabel("Price of Caffè latte").fill((old / 100).toFixed(2));
  await page.getByRole("button", { name: "Save Caffè latte" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toBeVisible(SLOW);
  await expect.poll(async () => (await latteRow(base.id))?.Price, SLOW).toBe(old / 100);
});
