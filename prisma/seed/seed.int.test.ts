import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
import { createMigratedDatabase, dropRunDatabase, runResources } from "@/scripts/testing/run-database";
import { env } from "@/lib/env";
import { DEMO_ACCOUNTS } from "./accounts";
import { seed } from "./index";

const db = createDb(env().DATABASE_URL, 4);
afterAll(() => db.$disconnect());

describe("seed", () => {
  it("creates the demo shops, menu, accounts and history, and a second run changes nothing", async () => {
    const now = new Date("2026-11-25T12:00:00Z");
    await seed(db, { now, historyDays: 2 });
    const counts = async () => ({
      shops: await db.shop.count({ where: { slug: { in: ["new-york-soho", "chicago-loop", "sfo-terminal-2"] } } }),
      products: await db.product.count(),
      // The seed's own accounts: other files of the run make users of their own meanwhile.
      users: await db.user.count({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } }),
      orders: await db.order.count(),
      beans: await db.loyaltyEntry.count({ where: { user: { email: "customer@gocoffee.test" } } }),
    });
    const first = await counts();
    expect(first.shops).toBe(3);
    expect(first.products).toBeGreaterThanOrEqual(20);
    expect(first.users).toBe(4);
    expect(first.orders).toBeGreaterThan(300);
    const again = await seed(db, { now, historyDays: 2 });
    expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(first);
  });

  it("prices every order exactly: lines add up, tax rounds half up after any discount, total = subtotal − discount + tax", async () => {
    const [wrong] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM orders o JOIN shops s ON s.id = o.shop_id
      WHERE o.subtotal_cents <> (SELECT sum(line_total_cents) FROM order_items i WHERE i.order_id = o.id)
         OR o.tax_cents <> floor(((o.subtotal_cents - o.discount_cents) * s.tax_rate_bps + 5000) / 10000)
         OR o.total_cents <> o.subtotal_cents - o.discount_cents + o.tax_cents + o.tip_cents`;
    expect(Number(wrong?.n)).toBe(0);
  });
});

// The history is generated only for shops without orders, and the other integration files share
// the run's database and place orders in the demo shops (and give the demo customer orders and
// beans) first: the crypto history and the customer's beans are checked in a database of its own.
describe("seeded crypto history", () => {
  const own = runResources("test");
  let fresh: Db;
  beforeAll(async () => {
    await createMigratedDatabase(own.databaseUrl);
    fresh = createDb(own.databaseUrl, 2);
    await seed(fresh, { now: new Date("2026-11-25T12:00:00Z"), historyDays: 2 });
  });
  afterAll(async () => {
    await fresh?.$disconnect();
    await dropRunDatabase(own.databaseUrl);
  });

  it("pays part of the history in crypto: one settled invoice for each such order's total, counted on the dashboard", async () => {
    const [mix] = await fresh.$queryRaw<{ crypto: number; all: number; unmatched: number; counted: number; invoices: number }[]>`
      SELECT (SELECT count(*)::int FROM orders WHERE payment_method = 'CRYPTO') AS crypto,
             (SELECT count(*)::int FROM orders) AS all,
             (SELECT count(*)::int FROM orders o WHERE o.payment_method = 'CRYPTO' AND NOT EXISTS (
                SELECT 1 FROM invoices i WHERE i.order_id = o.id AND i.status = 'SETTLED' AND i.amount_cents = o.total_cents
                  AND i.amount_paid = i.amount_due AND i.released_at <= o.queued_at)) AS unmatched,
             (SELECT count(*)::int FROM analytics_payment_facts f JOIN invoices i ON i.id::text = f.payment_id WHERE f.fact IS NOT NULL) AS counted,
             (SELECT count(*)::int FROM invoices) AS invoices`;
    expect(mix!.crypto).toBeGreaterThan(0);
    expect(mix!.crypto).toBeLessThan(mix!.all / 4);
    expect(mix!.unmatched).toBe(0);
    expect(mix!.counted).toBe(mix!.invoices);
  });

  it("the demo customer earned 10 beans with each collected order, balances running on", async () => {
    const customer = await fresh.user.findUniqueOrThrow({ where: { email: "customer@gocoffee.test" } });
    const collected = await fresh.order.count({ where: { userId: customer.id, status: "CLAIMED", totalCents: { gt: 0 } } });
    const earned = await fresh.loyaltyEntry.findMany({ where: { userId: customer.id, reason: "order" }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    expect(collected).toBeGreaterThan(0);
    expect(earned).toHaveLength(collected);
    expect(earned.at(-1)!.balance - earned[0]!.balance).toBe(10 * (collected - 1));
  });
});
