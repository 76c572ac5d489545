import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { createEvent } from "@/lib/kafka/events";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { analyticsHandlers } from "./handlers";

/** Payment events reach the dashboard's payments-by-chain rollup, once, and refunds move there. */

const db = createDb(env().DATABASE_URL, 4);
beforeAll(() => seed(db, { historyDays: 0 }));
afterAll(() => db.$disconnect());

describe("invoice.status_changed → analytics_payment_daily", () => {
  it("counts a settled invoice once per redelivery and moves it to refunds when refunded", async () => {
    const { order } = await placeOrder(db, { shop: "sfo-terminal-2", customerName: "Satoshi", paymentMethod: "CRYPTO", items: [{ product: "butter-croissant", quantity: 1 }] });
    const shop = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
    const settledAt = new Date();
    const invoice = await db.invoice.create({
      data: {
        orderId: order.id,
        shopId: shop.id,
        reference: `0x${"7".repeat(63)}${Date.now() % 10}`,
        status: "SETTLED",
        chainId: 31337,
        token: "USDC",
        tokenAddress: `0x${"1".repeat(40)}`,
        decimals: 6,
        routerAddress: `0x${"2".repeat(40)}`,
        payTo: shop.receivingWallet!.toLowerCase(),
        amountCents: 512,
        currency: "USD",
        amountDue: "5120000",
        amountPaid: "5120000",
        amountConfirmed: "5120000",
        rate: "100000000",
        rateDecimals: 8,
        rateSource: "test",
        rateUpdatedAt: settledAt,
        requiredConfirmations: 1,
        fastLane: false,
        expiresAt: new Date(settledAt.getTime() + 900_000),
        settledAt,
      },
    });
    const event = (to: "SETTLED" | "REFUNDED") =>
      createEvent("invoice.status_changed", order.id, { invoiceId: invoice.id, orderId: order.id, shopId: shop.id, from: "PROCESSING", to, exception: null, chainId: 31337, token: "USDC", amountDue: "5120000", amountPaid: "5120000", released: true });
    const handle = (e: ReturnType<typeof event>) => db.$transaction((tx) => analyticsHandlers.handle([e as never], { tx } as never));
    // Other tests may have settled USDC at this shop today: compare with what was there before.
    const read = async () => (await db.$queryRawUnsafe<{ payments: number; value_cents: number; refunds: number; amount: string }[]>(`SELECT payments::int, value_cents::int, refunds::int, amount_base_units::text AS amount FROM analytics_payment_daily WHERE shop_id = $1::uuid AND chain_id = 31337 AND token = 'USDC' AND day = (now() AT TIME ZONE $2)::date`, shop.id, shop.timezone))[0] ?? { payments: 0, value_cents: 0, refunds: 0, amount: "0" };
    const before = await read();
    const row = async () => {
      const now = await read();
      return { payments: now.payments - before.payments, value_cents: now.value_cents - before.value_cents, refunds: now.refunds - before.refunds, amount: String(BigInt(now.amount) - BigInt(before.amount)) };
    };

    await handle(event("SETTLED"));
    await handle(event("SETTLED")); // redelivered or replayed: no double count
    expect(await row()).toMatchObject({ payments: 1, value_cents: 512, refunds: 0, amount: "5120000" });

    await db.invoice.update({ where: { id: invoice.id }, data: { status: "REFUNDED", refundedAt: new Date() } });
    await handle(event("REFUNDED"));
    expect(await row()).toMatchObject({ payments: 1, refunds: 1 });
  });
});
