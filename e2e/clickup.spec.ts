import { expect, test, type Page } from "@playwright/test";
import { sql } from "./support/db";

/**
 * The shops' tasks in ClickUp, end to end against the local fake ClickUp the run starts
 * (scripts/testing/fake-clickup.ts, playwright.config.ts): an admin connects a list for one shop
 * (a wrong status name is refused with the list's real ones); the shop's open task appears in the
 * list through the integrations worker; the manager completes it in ClickUp, whose signed webhook
 * marks it done on the Tasks screen (by that manager); reopened there, it goes back to "to do" in ClickUp;
 * a task the manager makes in the ClickUp list appears on the shop's Tasks screen.
 */

test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 30_000 };
const stamp = Date.now().toString(36);
const SHOP = { slug: `e2e-clickup-${stamp}`, name: `Go Coffee ClickUp ${stamp}` };
const TASK = `Descale the espresso machine ${stamp}`;
const LIST_ID = String(Date.now()).slice(-9);
const fakeBase = () => process.env.CLICKUP_API_URL!.replace(/api\/v2\/$/, "");

type RemoteTask = { id: string; listId: string; name: string; status: string };
const remoteTask = async (): Promise<RemoteTask | undefined> => ((await (await fetch(`${fakeBase()}_fake/tasks`)).json()) as { tasks: RemoteTask[] }).tasks.find((t) => t.listId === LIST_ID && t.name === TASK);

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test.beforeAll(async () => {
  const me = `(SELECT id FROM shops WHERE slug = $1)`;
  await sql([
    [`INSERT INTO shops (id, slug, name, address_line, city, region, postal_code, country, timezone, active, updated_at) VALUES (gen_random_uuid(), $1, $2, '3 Bridgeway', 'Sausalito', $3, '94965', 'US', 'America/Los_Angeles', false, now())`, [SHOP.slug, SHOP.name, `E2E-C-${stamp}`]],
    [`INSERT INTO shop_members (shop_id, user_id, role) SELECT ${me}, id, 'MANAGER' FROM users WHERE email = 'manager@gocoffee.test'`, [SHOP.slug]],
    [`INSERT INTO agent_tasks (id, shop_id, source_kind, source_id, title, detail, due_at) VALUES (gen_random_uuid(), ${me}, 'proposal', gen_random_uuid(), $2, 'Monthly, before the morning rush', now() + interval '1 day')`, [SHOP.slug, TASK]],
  ]);
});

test("an admin connects a ClickUp list; the shop's task appears there, is completed in ClickUp by the manager, and reopened here goes back", async ({ page }) => {
  // The connection's shops list shows active shops; this one is inactive so the agents' sweeps leave it alone.
  await sql([[`UPDATE shops SET active = true WHERE slug = $1`, [SHOP.slug]]]);
  try {
    await page.goto("/admin/integrations");
    await signIn(page, "admin@gocoffee.test", "espresso-admin");
    const form = page.getByRole("form", { name: "Connect ClickUp" });
    await expect(form).toBeVisible(SLOW);
    await form.getByLabel("Connection name").fill(`Tasks ${stamp}`);
    await form.getByLabel("API token").fill("pk_e2e_token");
    await form.getByLabel("Workspace ID").fill("9012");
    await form.getByLabel("List ID").fill(LIST_ID);
    await form.getByLabel(SHOP.name).check();
    await form.getByLabel("Done is").fill("finished");
    await form.getByRole("button", { name: "Connect ClickUp" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "has no status “finished”" })).toContainText("Its statuses are: to do, in progress, complete, closed");

    await form.getByLabel("Done is").fill("complete");
    await form.getByRole("button", { name: "Connect ClickUp" }).click();
    await expect(form.getByRole("status")).toHaveText("ClickUp connected: 1 open task on their way to the list.", SLOW);
    const card = page.getByRole("article", { name: `ClickUp: Tasks ${stamp}` });
    await expect(card).toContainText(`List “Coffee ops ${LIST_ID}”`);
    await expect(card).toContainText(SHOP.name);
    expect(await page.content()).not.toContain("pk_e2e_token");
    // The integrations worker sends the shop's open task to the list: the log says so once ClickUp answered.
    const entry = page.getByRole("list", { name: "Deliveries" }).getByRole("listitem").filter({ hasText: TASK });
    await expect(entry.getByText("Delivered")).toBeVisible(SLOW);

    // The list's statuses renamed in ClickUp: the card's statuses are checked against the list too.
    await card.getByText("Change statuses in ClickUp").click();
    const statuses = card.getByRole("form", { name: `Statuses of Tasks ${stamp}` });
    await statuses.getByLabel("Done is").fill("finished");
    await statuses.getByRole("button", { name: "Save statuses" }).click();
    await expect(card.getByText(/has no status “finished”\. Its statuses are: to do, in progress, complete, closed/)).toBeVisible();
    await statuses.getByLabel("Done is").fill("complete");
  } finally {
    await sql([[`UPDATE shops SET active = false WHERE slug = $1`, [SHOP.slug]]]);
  }

  const remote = (await remoteTask())!;
  expect(remote.status).toBe("to do");

  // In ClickUp, the shop's manager (same confirmed email) completes it: ClickUp calls our signed webhook.
  const moved = await fetch(`${fakeBase()}_fake/tasks/${remote.id}/status`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ status: "complete", email: "manager@gocoffee.test" }) });
  const { deliveries } = (await moved.json()) as { deliveries: { status: number; body: string }[] };
  expect(deliveries).toEqual([{ endpoint: expect.stringContaining("/api/integrations/clickup/webhook/"), status: 200, body: JSON.stringify({ outcome: "changed" }) }]);

  // The admin (still signed in) reads the shop's Tasks screen: done, by the manager who did it in ClickUp.
  await page.goto(`/manager/${SHOP.slug}/tasks?show=closed`);
  const task = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: TASK }) });
  await expect(task).toContainText("Done by Marco Rossi", SLOW);

  // Reopened on the Tasks screen: ClickUp follows.
  await task.getByRole("button", { name: `Reopen: ${TASK}` }).click();
  await expect(task).toBeHidden();
  await expect.poll(async () => (await remoteTask())?.status, SLOW).toBe("to do");

  // The manager makes a task in the ClickUp list: it is the shop's task here too, due in a day.
  const made = `Order more oat milk ${stamp}`;
  const created = await fetch(`${fakeBase()}_fake/lists/${LIST_ID}/tasks`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: made, email: "manager@gocoffee.test" }) });
  expect(((await created.json()) as { deliveries: { status: number; body: string }[] }).deliveries).toEqual([{ endpoint: expect.stringContaining("/api/integrations/clickup/webhook/"), status: 200, body: JSON.stringify({ outcome: "created" }) }]);
  await page.goto(`/manager/${SHOP.slug}/tasks`);
  const fromClickUp = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: made }) });
  await expect(fromClickUp).toBeVisible();
  await expect(fromClickUp).toContainText(/Due \w{3} \d+, \d{4}/);
});
