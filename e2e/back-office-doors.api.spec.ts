import { expect, test } from "@playwright/test";
import { sql } from "./support/db";
import { signInOverHttp } from "./support/session";

/**
 * The back-office pages the agents, integrations and treasury work added, tried over HTTP as a
 * stranger (no session) and as the wrong role: nothing of what they show leaks. Their server
 * actions are refused per role by the authorization matrix (app/authorization.int.test.ts: a
 * stranger or a manager of another shop cannot approve a transfer or count one in; that a
 * manager of one shop cannot decide another shop's transfer through their own shop is
 * lib/agents/coordinator/coordinator.int.test.ts); the
 * Slack interactivity door's signatures by lib/integrations/slack/interactivity.int.test.ts.
 */

const SHOP = "sfo-terminal-2";
// Words only the real page would contain.
const PAGES = [
  { path: "/admin/treasury", secret: /Kill switch|Opportunities|Guard refusals/i, role: ["manager@gocoffee.test", "espresso-manager"] },
  { path: "/admin/integrations", secret: /Delivery log|Connect Slack/i, role: ["manager@gocoffee.test", "espresso-manager"] },
  { path: `/manager/${SHOP}/agents`, secret: /Recent runs/i, role: ["barista@gocoffee.test", "espresso-barista"] },
  { path: `/manager/${SHOP}/stock`, secret: /Deliveries expected|Receive delivery|Transfers between shops|Receive transfer/i, role: ["barista@gocoffee.test", "espresso-barista"] },
  { path: `/manager/${SHOP}/tasks`, secret: /Open tasks|Mark done|Done and cancelled/i, role: ["barista@gocoffee.test", "espresso-barista"] },
  { path: `/manager/${SHOP}/staffing`, secret: /Orders forecast|Forecast against actual/i, role: ["barista@gocoffee.test", "espresso-barista"] },
  { path: `/manager/${SHOP}/tastings`, secret: /Your score|No tastings yet|New drinks a manager approved/i, role: ["customer@gocoffee.test", "espresso-customer"] },
  { path: `/manager/${SHOP}/social`, secret: /Waiting for approval|Draft a post|Approved, waiting to publish/i, role: ["barista@gocoffee.test", "espresso-barista"] },
  { path: `/manager/${SHOP}/orders`, secret: /Orders table|Which orders|newest 50 orders/i, role: ["barista@gocoffee.test", "espresso-barista"] },
] as const;

for (const p of PAGES) {
  test(`a stranger asking for ${p.path} is sent to sign in and sees none of it`, async ({ request }) => {
    // Next answers a redirect with a 307, or (once streaming began) a page that redirects: either way it ends at sign-in.
    const response = await request.get(p.path);
    const text = await response.text();
    expect(response.url().includes("sign-in") || /NEXT_REDIRECT[^"]*sign-in/.test(text), response.url()).toBe(true);
    expect(text).not.toMatch(p.secret);
  });

  test(`${p.role[0]} asking for ${p.path} is refused and sees none of it`, async ({ request }) => {
    const cookie = await signInOverHttp(request, p.role[0], p.role[1]);
    const response = await request.get(p.path, { headers: { cookie } });
    const text = await response.text();
    expect(text).not.toMatch(p.secret);
    expect(text).toMatch(/only|not allowed|forbidden|403|not an admin|staff/i);
  });
}

test("one order's manager page (who ordered what, its refund) opens for its manager only", async ({ request, playwright, baseURL }) => {
  // A real order of the shop, as its manager sees it in the Orders tab.
  const manager = await signInOverHttp(request, "manager@gocoffee.test", "espresso-manager");
  const list = await (await request.get(`/manager/${SHOP}/orders`, { headers: { cookie: manager } })).text();
  const id = list.match(new RegExp(`/manager/${SHOP}/orders/([0-9a-f-]{36})`))?.[1];
  expect(id, "the Orders tab links an order").toBeTruthy();
  const path = `/manager/${SHOP}/orders/${id}`;
  const secret = /Order <span[^>]*>[A-Z0-9]+<\/span> for|Crypto wallet|At pickup/;
  expect(await (await request.get(path, { headers: { cookie: manager } })).text()).toMatch(secret);

  // Each caller in a context of its own: the manager's sign-in left its cookie in `request`.
  const stranger = await playwright.request.newContext({ baseURL });
  const asStranger = await stranger.get(path);
  const strangerText = await asStranger.text();
  expect(asStranger.url().includes("sign-in") || /NEXT_REDIRECT[^"]*sign-in/.test(strangerText)).toBe(true);
  expect(strangerText).not.toMatch(secret);

  const baristaContext = await playwright.request.newContext({ baseURL });
  const barista = await signInOverHttp(baristaContext, "barista@gocoffee.test", "espresso-barista");
  const baristaText = await (await baristaContext.get(path, { headers: { cookie: barista } })).text();
  expect(baristaText).not.toMatch(secret);
  expect(baristaText).toMatch(/only|not allowed|forbidden|403|staff/i);
  await Promise.all([stranger.dispose(), baristaContext.dispose()]);
});

test("the treasury's trades CSV: a stranger gets a 401 and a manager a 403, with no trade in either answer", async ({ request }) => {
  const stranger = await request.get("/admin/treasury/trades.csv");
  expect(stranger.status()).toBe(401);
  expect(stranger.headers()["content-type"]).not.toContain("text/csv");
  expect(await stranger.text()).not.toMatch(/amount in|tx hash/i);

  const cookie = await signInOverHttp(request, "manager@gocoffee.test", "espresso-manager");
  const manager = await request.get("/admin/treasury/trades.csv", { headers: { cookie } });
  expect(manager.status()).toBe(403);
  expect(await manager.text()).not.toMatch(/amount in|tx hash/i);
});

test("the Slack interactivity door answers an unsigned press with a 4xx and records nothing", async ({ request }) => {
  const response = await request.post("/api/integrations/slack/interactivity", {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: Buffer.from(`payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", actions: [{ action_id: "acknowledge", value: "x" }] }))}`),
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.status()).toBeLessThan(500);
});

test("the queue screen's task list (GET /api/shops/:slug/tasks): a stranger gets a 401, a customer a 403, a barista only the tasks given to them", async ({ playwright, baseURL }) => {
  const title = `Someone else's task ${Date.now().toString(36)}`;
  await sql([[`INSERT INTO agent_tasks (id, shop_id, source_kind, source_id, title, detail, due_at, owner_id) SELECT gen_random_uuid(), (SELECT id FROM shops WHERE slug = $1), 'proposal', gen_random_uuid(), $2, 'Not the barista''s', now() + interval '1 day', id FROM users WHERE email = 'manager@gocoffee.test'`, [SHOP, title]]]);
  const ask = async (who?: [string, string]) => {
    const context = await playwright.request.newContext({ baseURL });
    try {
      const cookie = who ? await signInOverHttp(context, ...who) : undefined;
      const response = await context.get(`/api/shops/${SHOP}/tasks`, cookie ? { headers: { cookie } } : {});
      return { status: response.status(), text: await response.text() };
    } finally {
      await context.dispose();
    }
  };
  try {
    const stranger = await ask();
    expect(stranger.status).toBe(401);
    expect(stranger.text).not.toContain(title);
    const customer = await ask(["customer@gocoffee.test", "espresso-customer"]);
    expect(customer.status).toBe(403);
    expect(customer.text).not.toContain(title);
    const barista = await ask(["barista@gocoffee.test", "espresso-barista"]);
    expect(barista.status).toBe(200);
    expect(barista.text).not.toContain(title);
    // Its owner, a manager of the shop, gets it: the list is there, and only theirs.
    const manager = await ask(["manager@gocoffee.test", "espresso-manager"]);
    expect(manager.status).toBe(200);
    expect(manager.text).toContain(title);
  } finally {
    await sql([[`UPDATE agent_tasks SET status = 'CANCELLED' WHERE title = $1`, [title]]]);
  }
});
