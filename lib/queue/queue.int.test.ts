import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrder } from "@/lib/orders/process-order";
import { seed } from "@/prisma/seed";
import { applyBaristaAction, claimOrder, findClaimable, TicketConflict } from "./actions";
import { getQueue, ticketChangesSince } from "./tickets";

const db = createDb(env().DATABASE_URL, 6);
let sfo: string;
let soho: string;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  sfo = (await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } })).id;
  soho = (await db.shop.findUniqueOrThrow({ where: { slug: "new-york-soho" } })).id;
});
afterAll(() => db.$disconnect());

async function queuedOrder() {
  const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: "Linus", items: [{ product: "caffe-latte", quantity: 1 }, { product: "butter-croissant", quantity: 1 }] });
  await db.$transaction((tx) => processPlacedOrder(tx, order.id));
  return order;
}

describe("barista actions", () => {
  it("start, mark items done one by one (the last makes it ready), claim by code", async () => {
    const order = await queuedOrder();
    const { tickets } = await getQueue(db, sfo, 10_000);
    const ticket = tickets.find((t) => t.id === order.id)!;
    expect(ticket).toMatchObject({ status: "QUEUED", customerName: "Linus", open: true, stations: expect.arrayContaining(["ESPRESSO_BAR", "FOOD"]) });

    const started = await applyBaristaAction(db, sfo, order.id, { action: "start", version: ticket.version }, "barista-1");
    expect(started.status).toBe("PREPARING");
    const [first, second] = started.items;
    const afterOne = await applyBaristaAction(db, sfo, order.id, { action: "item-done", itemId: first!.id }, "barista-1");
    expect(afterOne).toMatchObject({ status: "PREPARING", version: started.version + 1 });
    const ready = await applyBaristaAction(db, sfo, order.id, { action: "item-done", itemId: second!.id }, "barista-1");
    expect(ready.status).toBe("READY");

    expect(await findClaimable(db, soho, order.pickupCode)).toBeNull(); // another shop's code finds nothing
    const claimable = await findClaimable(db, sfo, order.pickupCode.toLowerCase());
    expect(claimable?.id).toBe(order.id);
    const claimed = await claimOrder(db, sfo, order.id, "barista-1");
    expect(claimed).toMatchObject({ status: "CLAIMED", open: false });
    expect(await db.stockMovement.count({ where: { orderId: order.id, kind: "CONSUME" } })).toBeGreaterThan(0);
    expect(await findClaimable(db, sfo, order.pickupCode)).toBeNull();
  });

  it("lets one of two baristas win; the other gets a conflict with the current ticket", async () => {
    const order = await queuedOrder();
    const { version } = (await getQueue(db, sfo, 10_000)).tickets.find((t) => t.id === order.id)!;
    const results = await Promise.allSettled([
      applyBaristaAction(db, sfo, order.id, { action: "start", version }, "barista-1"),
      applyBaristaAction(db, sfo, order.id, { action: "cancel", version, reason: "Customer left" }, "barista-2"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(TicketConflict);
    expect((loser.reason as TicketConflict).message).toMatch(/^Someone else just changed this order: it is (being prepared|cancelled) now\.$/);
    expect((loser.reason as TicketConflict).ticket?.version).toBe(version + 1);
  });

  it("recall undoes the last step; impossible moves are refused with a sentence", async () => {
    const order = await queuedOrder();
    let t = (await getQueue(db, sfo, 10_000)).tickets.find((x) => x.id === order.id)!;
    t = await applyBaristaAction(db, sfo, order.id, { action: "start", version: t.version }, "b");
    t = await applyBaristaAction(db, sfo, order.id, { action: "ready", version: t.version }, "b");
    t = await applyBaristaAction(db, sfo, order.id, { action: "recall", version: t.version }, "b");
    expect(t.status).toBe("PREPARING");
    t = await applyBaristaAction(db, sfo, order.id, { action: "recall", version: t.version }, "b");
    expect(t).toMatchObject({ status: "QUEUED" });
    expect(t.items.every((i) => !i.done)).toBe(true);
    await expect(applyBaristaAction(db, sfo, order.id, { action: "recall", version: t.version }, "b")).rejects.toThrow("An order that is in the queue has no step to undo.");
    await expect(applyBaristaAction(db, sfo, order.id, { action: "cancel", version: t.version, reason: "" }, "b")).rejects.toThrow(/say why/);
    await expect(applyBaristaAction(db, soho, order.id, { action: "start", version: t.version }, "b")).rejects.toThrow("There is no such order in this shop.");
  });

  it("replays exactly the changes after a seq, closed tickets included", async () => {
    const { seq } = await getQueue(db, sfo, 10_000);
    const a = await queuedOrder();
    const b = await queuedOrder();
    const ta = (await getQueue(db, sfo, 10_000)).tickets.find((t) => t.id === a.id)!;
    await applyBaristaAction(db, sfo, a.id, { action: "cancel", version: ta.version, reason: "Spilled" }, "b");
    const changes = await ticketChangesSince(db, sfo, seq);
    expect(changes.map((c) => [c.id, c.status])).toEqual([
      [b.id, "QUEUED"],
      [a.id, "CANCELLED"],
    ]);
    expect(changes[1]!.open).toBe(false);
    expect(changes.map((c) => c.seq)).toEqual([...changes.map((c) => c.seq)].sort((x, y) => x - y));
    expect(await ticketChangesSince(db, sfo, changes[1]!.seq)).toEqual([]);
  });
});
