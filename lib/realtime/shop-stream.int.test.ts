import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { placeOrder } from "@/lib/orders/place-order";
import { processPlacedOrder } from "@/lib/orders/process-order";
import { getQueue, type Ticket } from "@/lib/queue/tickets";
import { seed } from "@/prisma/seed";
import { openShopStream } from "./shop-stream";

/**
 * A shop's live queue against the real database and its notifications: a change whose seq was
 * taken before another's but committed after it (two order-processor batches side by side) still
 * reaches the stream.
 */

const db = createDb(env().DATABASE_URL, 4);
let shopId: string;

beforeAll(async () => {
  await seed(db, { historyDays: 0 });
  shopId = (await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } })).id;
});
afterAll(() => db.$disconnect());

async function queuedOrder(name: string): Promise<string> {
  const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: name, items: [{ product: "caffe-latte", quantity: 1 }] });
  await db.$transaction((tx) => processPlacedOrder(tx, order.id));
  return order.id;
}

async function until<T>(what: string, read: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("a shop's live queue stream", () => {
  it("sends a change that committed after a later-numbered one was already sent", async () => {
    const [early, late] = [await queuedOrder("Early seq"), await queuedOrder("Late seq")];
    const events: { event: string; id: number; data: unknown }[] = [];
    const close = await openShopStream(db, {
      shopId,
      resumeFrom: null,
      snapshot: async () => {
        const { tickets, seq } = await getQueue(db, shopId, 500);
        return { seq, data: { tickets } };
      },
      project: (t) => t,
      send: (e) => void events.push(e as { event: string; id: number; data: unknown }),
    });
    const ticketOf = (id: string) => events.find((e) => e.event === "ticket" && (e.data as Ticket).id === id && (e.data as Ticket).customerName.endsWith("!"));
    const held = new pg.Client({ connectionString: env().DATABASE_URL });
    await held.connect();
    try {
      // The first transaction takes its seq and waits; the second takes a later one and commits.
      await held.query("BEGIN");
      const { rows } = await held.query<{ change_seq: string }>("UPDATE orders SET customer_name = customer_name || '!', version = version + 1 WHERE id = $1 RETURNING change_seq", [early]);
      const after = await db.$queryRaw<{ change_seq: bigint }[]>`UPDATE orders SET customer_name = customer_name || '!', version = version + 1 WHERE id = ${late}::uuid RETURNING change_seq`;
      expect(Number(after[0]!.change_seq)).toBeGreaterThan(Number(rows[0]!.change_seq));
      const second = await until("the later change", () => ticketOf(late));
      expect(second.id).toBe(Number(after[0]!.change_seq));
      await held.query("COMMIT");
      // The earlier seq commits last: it arrives all the same, once.
      const first = await until("the change that committed late", () => ticketOf(early));
      expect(first.id).toBe(Number(rows[0]!.change_seq));
      await new Promise((r) => setTimeout(r, 300));
      expect(events.filter((e) => e.event === "ticket" && (e.data as Ticket).id === early)).toHaveLength(1);
    } finally {
      await held.query("ROLLBACK").catch(() => undefined);
      await held.end();
      close();
    }
  });
});
