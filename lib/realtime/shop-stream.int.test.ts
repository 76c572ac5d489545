import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db";
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

/** The database, with every raw read held back `slowMs` after it ran (a busy app's stream); `readsRun` counts them. */
let slowMs = 0;
let readsRun = 0;
const slowDb = new Proxy(db, {
  get(target, prop) {
    if (prop !== "$queryRaw") return Reflect.get(target, prop);
    return async (...args: Parameters<Db["$queryRaw"]>) => {
      const rows: unknown = await target.$queryRaw(...args);
      readsRun++;
      if (slowMs > 0) await new Promise((r) => setTimeout(r, slowMs));
      return rows;
    };
  },
}) as Db;

async function openStream() {
  const events: { event: string; id: number; data: unknown }[] = [];
  const close = await openShopStream(slowDb, {
    shopId,
    resumeFrom: null,
    snapshot: async () => {
      const { tickets, seq } = await getQueue(db, shopId, 500);
      return { seq, data: { tickets } };
    },
    project: (t) => t,
    send: (e) => void events.push(e as { event: string; id: number; data: unknown }),
  });
  const renamed = (id: string, mark: string) => events.find((e) => e.event === "ticket" && (e.data as Ticket).id === id && (e.data as Ticket).customerName.endsWith(mark));
  return { events, close, renamed };
}

/** Renames two orders so that the first takes the lower seq but commits last; `beforeLastCommit` runs in between. */
async function outOfOrder(early: string, late: string, mark: string, beforeLastCommit: (seqs: { early: number; late: number }) => Promise<void>) {
  const held = new pg.Client({ connectionString: env().DATABASE_URL });
  await held.connect();
  try {
    await held.query("BEGIN");
    const { rows } = await held.query<{ change_seq: string }>("UPDATE orders SET customer_name = customer_name || $2, version = version + 1 WHERE id = $1 RETURNING change_seq", [early, mark]);
    const after = await db.$queryRaw<{ change_seq: bigint }[]>`UPDATE orders SET customer_name = customer_name || ${mark}, version = version + 1 WHERE id = ${late}::uuid RETURNING change_seq`;
    const seqs = { early: Number(rows[0]!.change_seq), late: Number(after[0]!.change_seq) };
    expect(seqs.late).toBeGreaterThan(seqs.early);
    await beforeLastCommit(seqs);
    await held.query("COMMIT");
    return seqs;
  } finally {
    await held.query("ROLLBACK").catch(() => undefined);
    await held.end();
  }
}

describe("a shop's live queue stream", () => {
  it("sends a change that committed after a later-numbered one was already sent", async () => {
    const [early, late] = [await queuedOrder("Early seq"), await queuedOrder("Late seq")];
    const stream = await openStream();
    try {
      const seqs = await outOfOrder(early, late, "!", async ({ late: seq }) => {
        expect((await until("the later change", () => stream.renamed(late, "!"))).id).toBe(seq);
      });
      // The earlier seq commits last: it arrives all the same, once.
      expect((await until("the change that committed late", () => stream.renamed(early, "!"))).id).toBe(seqs.early);
      await new Promise((r) => setTimeout(r, 300));
      expect(stream.events.filter((e) => e.event === "ticket" && (e.data as Ticket).id === early)).toHaveLength(1);
    } finally {
      stream.close();
    }
  });

  it("and one that committed while the read that missed it was still under way", async () => {
    const [early, late] = [await queuedOrder("Early in flight"), await queuedOrder("Late in flight")];
    const stream = await openStream();
    try {
      await new Promise((r) => setTimeout(r, 500)); // the reads the two orders' own queueing set off are over
      slowMs = 400;
      // The later change's read runs and sees only it; the earlier one commits while that read is held back.
      const before = readsRun;
      await outOfOrder(early, late, "?", async () => {
        await until("the stream's read of the later change", () => (readsRun > before ? true : undefined));
      });
      await until("the later change", () => stream.renamed(late, "?"));
      await until("the change that committed during the read", () => stream.renamed(early, "?"));
    } finally {
      slowMs = 0;
      stream.close();
    }
  });
});
