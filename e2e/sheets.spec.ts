import { expect, test, type Page } from "@playwright/test";

/**
 * Each shop's day in a Google spreadsheet, end to end against the local fake Google the run starts
 * (scripts/testing/fake-google.ts, playwright.config.ts), which checks the service account's signed
 * assertion and the spreadsheet's sharing as Google does: an admin pastes a key for a spreadsheet not
 * shared with it and is told whom to share it with; shared, it connects, yesterday's figures for the
 * shop arrive in the shop's tab through the integrations worker, and "Send a test" writes one row.
 */

test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };
const stamp = Date.now().toString(36);
const SHOP_NAME = "Go Coffee SFO Terminal 2";
const ACCOUNT = `e2e-${stamp}@go-coffee-e2e.iam.gserviceaccount.com`;
const fakeBase = () => process.env.GOOGLE_SHEETS_API_URL!;

type Sheet = { id: string; title: string; tabs: { title: string; rows: (string | number)[][] }[] };
const fake = async <T>(path: string, body?: unknown): Promise<T> => (await (await fetch(`${fakeBase()}_fake/${path}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })).json()) as T;
const tab = async (sheetId: string, title: string) => (await fake<Sheet>(`spreadsheets/${sheetId}`)).tabs.find((t) => t.title === title);

async function signIn(page: Page) {
  await page.getByLabel("Email").fill("admin@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-admin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin connects a Google spreadsheet with a service account key: told whom to share it with, then the shop's day and a test row arrive", async ({ page }) => {
  const key = JSON.stringify(await fake<object>("keys", { email: ACCOUNT }));
  const notShared = await fake<Sheet>("spreadsheets", { title: `Not shared ${stamp}`, shareWith: [] });
  const shared = await fake<Sheet>("spreadsheets", { title: `Daily book ${stamp}`, shareWith: [ACCOUNT] });
  const name = `Sheets ${stamp}`;

  await page.goto("/admin/integrations");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Integrations" })).toBeVisible(SLOW);
  const form = page.getByRole("form", { name: "Connect Google Sheets" });
  await form.getByLabel("Label").fill(name);
  await form.getByLabel("Spreadsheet address").fill(`https://docs.google.com/spreadsheets/d/${notShared.id}/edit#gid=0`);
  await form.getByLabel("Service account key (JSON)").fill(key);
  await form.getByRole("checkbox", { name: SHOP_NAME, exact: true }).check();
  await form.getByRole("button", { name: "Connect Google Sheets" }).click();
  await expect(form.getByText(`Share the spreadsheet with ${ACCOUNT} as an Editor.`).first()).toBeVisible(SLOW);
  await expect(page.getByRole("article", { name: `Google Sheets: ${name}` })).toHaveCount(0);

  await form.getByLabel("Spreadsheet address").fill(`https://docs.google.com/spreadsheets/d/${shared.id}/edit`);
  await form.getByRole("button", { name: "Connect Google Sheets" }).click();
  await expect(form.getByRole("status")).toHaveText("Google Sheets connected: each shop's day is written after its midnight.", SLOW);
  const card = page.getByRole("article", { name: `Google Sheets: ${name}` });
  await expect(card).toContainText(`Spreadsheet “Daily book ${stamp}”`);
  await expect(card).toContainText(ACCOUNT);
  await expect(card.getByText("Active")).toBeVisible();
  expect(await page.content()).not.toContain("PRIVATE KEY");

  // The shop's last complete day was queued on connecting; the integrations worker writes it to the shop's tab.
  const log = page.getByRole("list", { name: "Deliveries" });
  await expect(log.getByRole("listitem").filter({ hasText: name }).filter({ hasText: SHOP_NAME }).getByText("Delivered")).toBeVisible(SLOW);
  const day = await tab(shared.id, SHOP_NAME);
  expect(day?.rows[0]).toEqual(["Date", "Line", "Item", "Quantity", "Amount", "Unit"]);
  expect(day?.rows.find((r) => r[2] === "Orders")).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), "sales", "Orders", expect.any(Number), expect.any(Number), "USD"]);
  expect(day?.rows.some((r) => String(r[1]).startsWith("stock"))).toBe(true);

  await card.getByRole("button", { name: "Send a test" }).click();
  await expect(card.getByText("Test queued")).toBeVisible();
  await expect(log.getByRole("listitem").filter({ hasText: name }).filter({ hasText: "Test by Ada Okafor" }).getByText("Delivered")).toBeVisible(SLOW);
  await expect.poll(async () => (await tab(shared.id, "Go Coffee test"))?.rows.length, SLOW).toBe(2);
});
