import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { beanBalance, beanHistory, earnForOrder, redeemFreeDrink, returnFreeDrink } from "./ledger";

const db = createDb(env().DATABASE_URL, 8);
let userId: string;
const orderIds = Array.from({ length: 12 }, () => crypto.randomUUID());

beforeAll(async () => {
  userId = (await db.user.create({ data: { name: "Bean Counter", email: `beans-${crypto.randomUUID()}@test` } })).id;
});
afterAll(() => db.$disconnect());

describe("loyalty ledger", () => {
  it("earns once per order, even when credited concurrently", async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => db.$transaction((tx) => earnForOrder(tx, userId, orderIds[0]!))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await beanBalance(db, userId)).toBe(10);
  });

  it("redeems a free drink at 100 beans and never goes negative under concurrent redemptions", async () => {
    for (const id of orderIds.slice(1, 10)) await db.$transaction((tx) => earnForOrder(tx, userId, id));
    expect(await beanBalance(db, userId)).toBe(100);
    const attempts = await Promise.allSettled(Array.from({ length: 4 }, () => db.$transaction((tx) => redeemFreeDrink(tx, userId, crypto.randomUUID()))));
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    const refused = attempts.find((a) => a.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DomainError);
    expect((refused.reason as DomainError).message).toBe("You have 0 beans; a free drink takes 100.");
    expect(await beanBalance(db, userId)).toBe(0);
  });

  it("gives a cancelled order's beans back once, however often it is told", async () => {
    const [earner, spender] = orderIds.slice(10);
    const other = (await db.user.create({ data: { name: "Bean Returner", email: `beans-${crypto.randomUUID()}@test` } })).id;
    for (let i = 0; i < 10; i++) await db.$transaction((tx) => earnForOrder(tx, other, `${earner!.slice(0, -2)}${String(i).padStart(2, "0")}`));
    await db.$transaction((tx) => redeemFreeDrink(tx, other, spender!));
    expect(await beanBalance(db, other)).toBe(0);
    const returns = await Promise.all(Array.from({ length: 3 }, () => db.$transaction((tx) => returnFreeDrink(tx, spender!))));
    expect(returns.filter(Boolean)).toHaveLength(1);
    expect(await beanBalance(db, other)).toBe(100);
    expect(await db.$transaction((tx) => returnFreeDrink(tx, earner!))).toBe(false); // spent nothing
    const history = await beanHistory(db, other, 3);
    expect(history.map((e) => [e.reason, e.beans, e.balance])).toEqual([["free drink returned", 100, 100], ["free drink", -100, 0], ["order", 10, 100]]);
  });

  it("the database refuses a negative balance even from a writer that skips the rules", async () => {
    await expect(db.loyaltyEntry.create({ data: { userId, beans: -10, balance: -10, reason: "free drink" } })).rejects.toThrow(/loyalty_entries_balance_check/);
  });
});
