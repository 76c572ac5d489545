import { randomInt } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { DomainError, invalid } from "@/lib/actions/result";
import { Prisma, type Db } from "@/lib/db";
import { createEvent } from "@/lib/kafka/events";
import { outboxRows } from "@/lib/kafka/outbox";
import { describeOpeningState, localTime, openingState } from "@/lib/shops/hours";
import { buildOrder, optionsSnapshot } from "./build-order";
import { idempotencyKey as idempotencyKeySchema, placeOrderInput } from "./input";
import { cachedShopMenu } from "./menu-cache";
import { generatePickupCode } from "./pickup-code";

/**
 * Places an order: validates the request, prices it on the server from the shop's menu, and in
 * one transaction writes the order, its items, its first status record and the order.placed
 * event (outbox). Nothing talks to Kafka here. The same Idempotency-Key always returns the same
 * order, also when requests with it race.
 */

export type PlacedOrder = { id: string; status: "PLACED"; pickupCode: string; totalCents: number; currency: string; shop: string };
export type PlaceOrderResult = { order: PlacedOrder; created: boolean };
export type PlaceOrderOptions = { idempotencyKey?: string | null; userId?: string | null; now?: Date };

const PICKUP_CODE_ATTEMPTS = 5;

export async function placeOrder(db: Db, raw: unknown, opts: PlaceOrderOptions = {}): Promise<PlaceOrderResult> {
  const parsed = placeOrderInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  let key: string | null = null;
  if (opts.idempotencyKey != null) {
    const checked = idempotencyKeySchema.safeParse(opts.idempotencyKey);
    if (!checked.success) throw invalid(checked.error);
    key = checked.data;
    const existing = await findByKey(db, key);
    if (existing) return { order: existing, created: false };
  }

  const now = opts.now ?? new Date();
  const menu = await cachedShopMenu(db, input.shop, now);
  if (!menu) throw new DomainError("not_found", `There is no shop "${input.shop}".`);
  const opening = openingState(menu.shop.hours, menu.shop.timezone, now);
  if (!opening.open) {
    const when = describeOpeningState(opening, localTime(now, menu.shop.timezone).weekday).replace(/^Closed, /, "");
    throw new DomainError("closed", `${menu.shop.name} is closed right now${opening.opensAt ? ` and ${when}` : ""}. Orders open again then.`);
  }
  const { lines, totals } = buildOrder(menu, input);

  for (let attempt = 1; ; attempt++) {
    const id = uuidv7();
    const pickupCode = generatePickupCode(randomInt);
    const event = createEvent("order.placed", id, {
      orderId: id,
      shopId: menu.shop.id,
      status: "PLACED",
      totalCents: totals.totalCents,
      currency: menu.shop.currency,
      items: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
    }, now);
    try {
      await db.$transaction([
        db.order.create({
          data: {
            id,
            shopId: menu.shop.id,
            userId: opts.userId ?? null,
            customerName: input.customerName,
            status: "PLACED",
            paymentMethod: input.paymentMethod,
            pickupCode,
            activePickupCode: pickupCode,
            idempotencyKey: key,
            ...totals,
            currency: menu.shop.currency,
            notes: input.notes ?? null,
            placedAt: now,
            items: {
              createMany: {
                data: lines.map((l) => ({
                  productId: l.product.id,
                  productName: l.product.name,
                  station: l.product.station,
                  quantity: l.quantity,
                  unitPriceCents: l.unitPriceCents,
                  lineTotalCents: l.lineTotalCents,
                  options: optionsSnapshot(l),
                  notes: l.notes ?? null,
                })),
              },
            },
            history: { create: { toStatus: "PLACED", actor: opts.userId ?? "customer", createdAt: now } },
          },
          select: { id: true },
        }),
        db.outboxEvent.createMany({ data: outboxRows([event]) }),
      ]);
      return { order: { id, status: "PLACED", pickupCode, totalCents: totals.totalCents, currency: menu.shop.currency, shop: menu.shop.slug }, created: true };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint?.includes("idempotency_key") && key) {
        // A concurrent request with the same key won the race: answer with its order.
        const winner = await findByKey(db, key);
        if (winner) return { order: winner, created: false };
      }
      if (constraint?.includes("active_pickup_code") && attempt < PICKUP_CODE_ATTEMPTS) continue;
      throw error;
    }
  }
}

async function findByKey(db: Db, key: string): Promise<PlacedOrder | null> {
  const order = await db.order.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, pickupCode: true, totalCents: true, currency: true, shop: { select: { slug: true } } },
  });
  return order ? { id: order.id, status: "PLACED", pickupCode: order.pickupCode, totalCents: order.totalCents, currency: order.currency, shop: order.shop.slug } : null;
}

/** The violated unique constraint's name or fields, if the error is a unique violation. */
function uniqueViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return null;
  return JSON.stringify(error.meta ?? {}) + error.message;
}
