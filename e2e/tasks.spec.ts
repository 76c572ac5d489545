import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signInOnPage, signInOverHttp } from "./support/session";
import { sql } from "./support/db";
import { linkIn, mailTo } from "./support/mail";

/**
 * The task manager, end to end, in a shop of the test's own (cloned from SFO's menu, suppliers and
 * hours, in a region no other shop is in, out of oat milk): an order there is heard on Kafka, the
 * inventory agent alerts and proposes a purchase order; the manager approves it; the task manager
 * (a worker on Kafka) makes "receive the delivery" and "deal with the alert" tasks on the Tasks
 * screen. The manager gives the delivery to the shop's barista, starts it and marks it done; once
 * the delivery is counted in, the alert resolves and its task closes by itself. A second test: the
 * screen is refused to a stranger, a barista of the shop and a manager of other shops. Then: an
 * overdue task's owner is told; a task given to a barista reaches them (mail, bell) and they work
 * it from the queue screen.
 */

test.describe.configure({ timeout: 150_000 });
const SLOW = { timeout: 45_000 };
const stamp = Date.now().toString(36);
const SHOP = { slug: `e2e-tasks-${stamp}`, name: `Go Coffee Tasks ${stamp}` };
/** A shop the demo manager does not manage (the demo barista works there). */
const ELSEWHERE = { slug: `e2e-tasks-elsewhere-${stamp}`, name: `Go Coffee Elsewhere ${stamp}` };
const SECRET_TASK = `Count the cups ${stamp}`;
/** A shop of its own with one task gone past its due time (the first test's list stays its own). */
const LATE = { slug: `e2e-tasks-late-${stamp}`, name: `Go Coffee Late ${stamp}` };
const LATE_TASK = `Descale the espresso machine ${stamp}`;
/** A shop of its own where a manager gives a task to the barista, who works it from the queue screen. */
const OWN = { slug: `e2e-tasks-own-${stamp}`, name: `Go Coffee Own ${stamp}` };
const OWN_TASK = `Restock the cup lids ${stamp}`;

const me = `(SELECT id FROM shops WHERE slug = $1)`;
const member = (email: string, role: "MANAGER" | "BARISTA"): string => `INSERT INTO shop_members (shop_id, user_id, role) SELECT ${me}, id, '${role}' FROM users WHERE email = '${email}'`;

/** SFO's menu, suppliers and hours; every ingredient plentiful but oat milk (none, unless `oat` says). */
function cloneSfo(shop: { slug: string; name: string }, oat = 0): [string, unknown[]][] {
  const sfo = `(SELECT id FROM shops WHERE slug = 'sfo-terminal-2')`;
  return [
    [`INSERT INTO shops (id, slug, name, address_line, city, region, postal_code, country, timezone, updated_at) VALUES (gen_random_uuid(), $1, $2, '1 Bridgeway', 'Sausalito', $3, '94965', 'US', 'America/Los_Angeles', now())`, [shop.slug, shop.name, `E2E-T-${stamp}`]],
    [`INSERT INTO shop_hours (id, shop_id, weekday, opens_minute, closes_minute) SELECT gen_random_uuid(), ${me}, weekday, opens_minute, closes_minute FROM shop_hours WHERE shop_id = ${sfo}`, [shop.slug]],
    [`INSERT INTO shop_products (shop_id, product_id) SELECT ${me}, product_id FROM shop_products WHERE shop_id = ${sfo}`, [shop.slug]],
    [`INSERT INTO shop_suppliers (shop_id, ingredient_id, supplier_name, lead_time_days, pack_size, order_days) SELECT ${me}, ingredient_id, supplier_name, lead_time_days, pack_size, order_days FROM shop_suppliers WHERE shop_id = ${sfo}`, [shop.slug]],
    [`INSERT INTO stock (shop_id, ingredient_id, on_hand, reserved, reorder_level, updated_at) SELECT ${me}, id, CASE WHEN slug = 'oat-milk' THEN ${oat} ELSE 50000 END, 0, CASE WHEN slug = 'oat-milk' THEN 6000 ELSE 0 END, now() FROM ingredients`, [shop.slug]],
  ];
}

test.beforeAll(async () => {
  await sql([
    ...cloneSfo(SHOP),
    [member("manager@gocoffee.test", "MANAGER"), [SHOP.slug]],
    [member("barista@gocoffee.test", "BARISTA"), [SHOP.slug]],
    [`INSERT INTO shops (id, slug, name, address_line, city, region, postal_code, country, timezone, active, updated_at) VALUES (gen_random_uuid(), $1, $2, '2 Bridgeway', 'Sausalito', $3, '94965', 'US', 'America/Los_Angeles', false, now())`, [ELSEWHERE.slug, ELSEWHERE.name, `E2E-T-${stamp}`]],
    [member("barista@gocoffee.test", "BARISTA"), [ELSEWHERE.slug]],
    [`INSERT INTO agent_tasks (id, shop_id, source_kind, source_id, title, detail, due_at) VALUES (gen_random_uuid(), ${me}, 'proposal', gen_random_uuid(), $2, 'Only its managers may read this', now() + interval '1 day')`, [ELSEWHERE.slug, SECRET_TASK]],
    // A region of its own: no coordinator transfer between it and the shop above.
    ...cloneSfo(LATE, 50_000).map(([q, p]) => [q, p.map((v) => (v === `E2E-T-${stamp}` ? `E2E-L-${stamp}` : v))] as [string, unknown[]]),
    [member("manager@gocoffee.test", "MANAGER"), [LATE.slug]],
    [member("barista@gocoffee.test", "BARISTA"), [LATE.slug]],
    [`INSERT INTO agent_tasks (id, shop_id, source_kind, source_id, title, detail, due_at, owner_id) SELECT gen_random_uuid(), ${me}, 'proposal', gen_random_uuid(), $2, 'Monthly', now() - interval '30 minutes', id FROM users WHERE email = 'barista@gocoffee.test'`, [LATE.slug, LATE_TASK]],
    ...cloneSfo(OWN, 50_000).map(([q, p]) => [q, p.map((v) => (v === `E2E-T-${stamp}` ? `E2E-O-${stamp}` : v))] as [string, unknown[]]),
    [member("manager@gocoffee.test", "MANAGER"), [OWN.slug]],
    [member("barista@gocoffee.test", "BARISTA"), [OWN.slug]],
    [`INSERT INTO agent_tasks (id, shop_id, source_kind, source_id, title, detail, due_at) VALUES (gen_random_uuid(), ${me}, 'proposal', gen_random_uuid(), $2, 'Before the morning rush', now() + interval '2 hours')`, [OWN.slug, OWN_TASK]],
  ]);
});
// The workers' sweeps look at active shops only.
test.afterAll(async () => {
  await sql([[`UPDATE shops SET active = false WHERE slug = ANY($1)`, [[SHOP.slug, LATE.slug, OWN.slug]]]]);
});

test("an approved purchase order becomes a task: the manager assigns it, starts it, marks it done; the alert's task closes by itself", async ({ page, request }) => {
  // Any order moves the shop's stock: the inventory agent hears it on Kafka, finds no oat milk.
  const placed = await request.post("/api/orders", { data: { shop: SHOP.slug, customerName: "Tasks", items: [{ product: "butter-croissant", quantity: 1 }] } });
  expect(placed.status()).toBe(201);

  await page.goto(`/manager/${SHOP.slug}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for you" })).toBeVisible(SLOW);
  const approve = page.getByRole("button", { name: /^Approve: Order \d+ L oat milk \(\d+ × 6 L\) from Plant Milk Wholesale$/ });
  await expect(async () => {
    await page.reload();
    await expect(approve).toBeVisible({ timeout: 5_000 });
  }).toPass(SLOW);
  await approve.click();
  await expect(approve).toBeHidden(SLOW);

  // The task manager heard the approval and the stock-out alert on Kafka.
  await page.getByRole("navigation", { name: "Manage shop" }).getByRole("link", { name: "Tasks" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Open tasks" })).toBeVisible();
  const task = (name: RegExp) => page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name }) });
  const delivery = task(/^Receive the delivery from Plant Milk Wholesale: \d+ L oat milk \(\d+ × 6 L\)$/);
  const alert = task(/^Deal with: Out of oat milk/);
  await expect(async () => {
    await page.reload();
    await expect(delivery).toBeVisible({ timeout: 5_000 });
    await expect(alert).toBeVisible({ timeout: 5_000 });
  }).toPass(SLOW);
  await expect(delivery).toContainText("No owner yet");
  await expect(delivery).toContainText(/Due \w{3} \d+, \d{4}/);
  await expect(delivery).not.toContainText("Overdue");

  // A task past its due time is marked, and comes first.
  await sql([[`UPDATE agent_tasks SET due_at = now() - interval '1 hour' WHERE shop_id = ${me} AND source_kind = 'alert'`, [SHOP.slug]]]);
  await page.reload();
  await expect(alert).toContainText("Overdue");
  await expect(page.getByRole("region", { name: "Open tasks" }).getByRole("listitem").first()).toContainText("Deal with: Out of oat milk");

  // Rescheduled to 16:30 (the shop's clock) three days on: no longer overdue, the new time shown.
  const later = new Date(Date.now() + 3 * 86_400_000);
  const wallClock = `${later.toISOString().slice(0, 10)}T16:30`;
  await alert.getByLabel("Due").fill(wallClock);
  await alert.getByRole("button", { name: /^Reschedule: / }).click();
  const shown = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(later);
  await expect(alert).toContainText(`Due ${shown}, 4:30 PM`);
  await expect(alert).not.toContainText("Overdue");

  // Renamed: a two-letter name is refused with the reason; a good one shows as the task's heading.
  await alert.getByLabel("Task name").fill("OK");
  await alert.getByRole("button", { name: /^Rename: / }).click();
  await expect(alert).toContainText("A task's name needs 3-200 characters");
  await alert.getByLabel("Task name").fill("Deal with: Out of oat milk, call Plant Milk Wholesale first");
  await alert.getByRole("button", { name: /^Rename: / }).click();
  await expect(alert.getByRole("heading", { level: 3 })).toHaveText("Deal with: Out of oat milk, call Plant Milk Wholesale first");
  await expect(alert).not.toContainText("A task's name needs");

  // Give the delivery to the barista, start it, finish it.
  const owner = delivery.getByLabel("Owner");
  await expect(owner.getByRole("option")).toHaveText(["Nobody", "Bea Nguyen (barista)", "Marco Rossi (manager)"]);
  await owner.selectOption({ label: "Bea Nguyen (barista)" });
  await delivery.getByRole("button", { name: /^Assign: / }).click();
  await expect(delivery).toContainText("Owner: Bea Nguyen");
  await delivery.getByRole("button", { name: /^Start: / }).click();
  await expect(delivery).toContainText("In progress");
  await expect(delivery.getByRole("button", { name: /^Put back: / })).toBeVisible();

  const { violations } = await new AxeBuilder({ page }).include("main").withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id), "axe on the Tasks screen").toEqual([]);

  await delivery.getByRole("button", { name: /^Mark done: / }).click();
  await expect(delivery).toBeHidden();

  await page.getByRole("link", { name: "Done and cancelled" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Done and cancelled tasks" })).toBeVisible();
  await expect(delivery).toContainText("Done by Marco Rossi");
  await expect(delivery).toContainText("Owner: Bea Nguyen");

  // The delivery arrives and is counted in: oat milk is back, the agent resolves its alert, and the
  // task manager closes the alert's task by itself.
  await page.getByRole("navigation", { name: "Manage shop" }).getByRole("link", { name: "Stock" }).click();
  const expected = page.getByRole("region", { name: "Deliveries expected" }).getByRole("listitem").filter({ hasText: "oat milk" });
  await expected.getByRole("button", { name: "Receive delivery" }).click();
  await expect(expected).toBeHidden(SLOW);
  await expect(async () => {
    await page.goto(`/manager/${SHOP.slug}/tasks?show=closed`);
    await expect(alert).toContainText("Closed by itself: Alert resolved: the condition ended", { timeout: 3_000 });
  }).toPass(SLOW);
  await page.getByRole("link", { name: "Open", exact: true }).click();
  await expect(page.getByText("No open tasks.")).toBeVisible();
});

test("the Tasks screen is its shop's managers' only: a stranger, a barista of the shop and a manager of other shops see none of it", async ({ playwright, baseURL }) => {
  const path = `/manager/${ELSEWHERE.slug}/tasks`;
  const as = async (who?: [string, string]) => {
    const context = await playwright.request.newContext({ baseURL });
    try {
      const cookie = who ? await signInOverHttp(context, ...who) : undefined;
      const response = await context.get(path, cookie ? { headers: { cookie } } : {});
      return { url: response.url(), text: await response.text() };
    } finally {
      await context.dispose();
    }
  };

  // An admin may (every shop): the task is there to be hidden from the others.
  expect((await as(["admin@gocoffee.test", "espresso-admin"])).text).toContain(SECRET_TASK);

  const stranger = await as();
  expect(stranger.url.includes("sign-in") || /NEXT_REDIRECT[^"]*sign-in/.test(stranger.text)).toBe(true);
  expect(stranger.text).not.toContain(SECRET_TASK);

  for (const who of [["barista@gocoffee.test", "espresso-barista"], ["manager@gocoffee.test", "espresso-manager"]] as [string, string][]) {
    const { text } = await as(who);
    expect(text, who[0]).not.toContain(SECRET_TASK);
    expect(text, who[0]).toMatch(/This page is for the shop’s managers/);
  }
});

test("a task gone past its due time: the shop's managers and the task's owner, a barista, are told (alert, notification, mail), and marking it done clears the alert", async ({ page, browser, baseURL }) => {
  await page.goto(`/manager/${LATE.slug}/agents`);
  await page.getByLabel("Email").fill("manager@gocoffee.test");
  await page.getByLabel("Password").fill("espresso-manager");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for you" })).toBeVisible(SLOW);

  // The task manager's clock looks once a minute; the notifier then tells the managers.
  const overdue = new RegExp(`^Task overdue: ${LATE_TASK} — due \\w{3} \\d{1,2} \\w{3}, \\d{2}:\\d{2}, owner Bea Nguyen · since`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("region", { name: "Open alerts" }).getByText(overdue)).toBeVisible({ timeout: 2_000 });
    await expect(page.getByRole("region", { name: "Your notifications" })).toContainText(`Task overdue: ${LATE_TASK}`, { timeout: 2_000 });
  }).toPass({ timeout: 100_000 });

  // Its owner, a barista, is told too: by mail that says why, whose link opens the queue screen, whose bell lists it.
  const mail = await mailTo("barista@gocoffee.test", new RegExp(`^\\[Warning\\] ${LATE.name}: Task overdue: ${LATE_TASK}`));
  expect(mail.text).toContain("You get this because this task is yours");
  expect(linkIn(mail)).toBe(`/barista/${LATE.slug}`);
  const barista = await (await browser.newContext({ baseURL })).newPage();
  await barista.goto(linkIn(mail));
  await signInOnPage(barista, "barista@gocoffee.test", "espresso-barista");
  const bell = barista.getByRole("button", { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible(SLOW);
  await bell.click();
  await expect(barista.getByRole("dialog", { name: "Notifications" }).getByRole("listitem").filter({ hasText: `Task overdue: ${LATE_TASK}` })).toContainText("Warning");
  await barista.context().close();

  await page.getByRole("navigation", { name: "Manage shop" }).getByRole("link", { name: "Tasks" }).click();
  const task = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: LATE_TASK }) });
  await task.getByRole("button", { name: `Mark done: ${LATE_TASK}` }).click();
  await expect(task).toHaveCount(0);
  await page.getByRole("navigation", { name: "Manage shop" }).getByRole("link", { name: "Agents" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Waiting for you" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Open alerts" }).getByText(overdue)).toHaveCount(0);
});

test("a task given to a barista: they are told (mail, bell) and work it from the queue screen; the manager sees it done by them", async ({ page, browser, baseURL }) => {
  await page.goto(`/manager/${OWN.slug}/tasks`);
  await signInOnPage(page, "manager@gocoffee.test", "espresso-manager");
  const task = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: OWN_TASK }) });
  await expect(task).toContainText("No owner yet", SLOW);
  await task.getByLabel("Owner").selectOption({ label: "Bea Nguyen (barista)" });
  await task.getByRole("button", { name: `Assign: ${OWN_TASK}` }).click();
  await expect(task).toContainText("Owner: Bea Nguyen");

  // Told by mail, whose link opens the queue screen, where the task waits with the others' work.
  const mail = await mailTo("barista@gocoffee.test", new RegExp(`^Task for you at ${OWN.name}: ${OWN_TASK}$`));
  expect(mail.text).toContain(`Marco Rossi gave you a task at ${OWN.name}:`);
  expect(linkIn(mail)).toBe(`/barista/${OWN.slug}`);
  const barista = await (await browser.newContext({ baseURL })).newPage();
  try {
    await barista.goto(linkIn(mail));
    await signInOnPage(barista, "barista@gocoffee.test", "espresso-barista");
    const mine = barista.getByRole("region", { name: "Your tasks" });
    await expect(mine.getByRole("listitem").filter({ hasText: OWN_TASK })).toContainText(/due \w{3} \d{1,2} \w{3}, \d{2}:\d{2}/, SLOW);
    // And by the bell.
    await barista.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
    const dialog = barista.getByRole("dialog", { name: "Notifications" });
    await expect(dialog.getByRole("listitem").filter({ hasText: `Marco Rossi gave you a task: ${OWN_TASK}` })).toContainText("Info");
    await dialog.getByRole("button", { name: "Close" }).click();

    await mine.getByRole("button", { name: `Start: ${OWN_TASK}` }).click();
    await expect(mine).toContainText("In progress");
    await expect(mine.getByRole("button", { name: `Put back: ${OWN_TASK}` })).toBeVisible();
    await mine.getByRole("button", { name: `Mark done: ${OWN_TASK}` }).click();
    await expect(mine).toBeHidden(); // nothing left for them
  } finally {
    await barista.context().close();
  }

  await page.goto(`/manager/${OWN.slug}/tasks?show=closed`);
  await expect(task).toContainText("Done by Bea Nguyen");
});
