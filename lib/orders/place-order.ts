import { randomInt } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { DomainError, invalid } from "@/lib/errors";
import { Prisma, type Db } from "@/lib/db";
import { cachedShopMenu } from "@/lib/catalog/menu-cache";
import { createEvent, type OutgoingEvent } from "@/lib/kafka/events";
import { outboxInsert } from "@/lib/kafka/outbox";
import { redeemFreeDrink } from "@/lib/loyalty/ledger";
import { describeOpeningState, localTime, openingState } from "@/lib/shops/hours";
import type { Station } from "@/lib/catalog/types";
import { newTrackingToken } from "./access";
import { buildOrder, optionsSnapshot } from "./build-order";
import { idempotencyKey as idempotencyKeySchema, placeOrderInput, type ParsedOrder } from "./input";
import { generatePickupCode, type RandomInt } from "./pickup-code";
import { withTip } from "./tips";
import { lockSlot, promisedPerSlot, schedulePlan, type ScheduleShop } from "./schedule/capacity";
import { fireTime, fitsSlot, pickupTimeProblem, slotLabel } from "./schedule/slots";

/**
 * Places an order: validates the request, prices it on the server from the shop's menu, and in
 * one transaction writes the order, its items, its first status record and the order.placed
 * event (outbox). Nothing talks to Kafka here. The same Idempotency-Key always returns the same
 * order, also when requests with it race. A CRYPTO order starts as PENDING_PAYMENT: the order
 * processor leaves it alone until the payment watcher releases it (→ PLACED) when its invoice
 * settles (lib/payments/apply.ts). A free drink (`freeDrink`) is paid for with the signed-in
 * customer's loyalty beans in the same transaction as the order: no beans, no order. An order for
 * later (`pickupAt`) must name one of today's slots with room for it (lib/orders/schedule): checked
 * again under the slot's lock in the insert's transaction, so racing placements cannot overbook.
 */

/** `trackingToken`: the key of a guest's order links (lib/orders/access.ts); null for an account's order. */
export type PlacedOrder = { id: string; status: "PLACED" | "PENDING_PAYMENT"; pickupCode: string; totalCents: number; currency: string; shop: string; trackingToken: string | null };
export type PlaceOrderResult = { order: PlacedOrder; created: boolean };
export type PlaceOrderOptions = {
  idempotencyKey?: string | null;
  userId?: string | null;
  now?: Date;
  /** Random source for pickup codes (tests force collisions with it). */
  random?: RandomInt;
  /**
   * Guests: who is placing (a hash of their device or address, lib/orders/placement-limits.ts) and
   * how many open orders one such client may have; the insert refuses one more.
   */
  guestCap?: { client: string; maxOpen: number };
};

/** An order is open for the guest cap while it waits for payment, the bar or the counter, for at most this long. */
const GUEST_CAP_WINDOW_HOURS = 12;

const PICKUP_CODE_ATTEMPTS = 5;

export async function placeOrder(db: Db, raw: unknown, opts: PlaceOrderOptions = {}): Promise<PlaceOrderResult> {
  const parsed = placeOrderInput.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const input = parsed.data;
  if (input.receiptEmail && opts.userId) {
    throw new DomainError("invalid", "Signed-in customers get receipts at their account's address: turn them on or off on the account page.", [{ path: "receiptEmail", message: "only for guests" }]);
  }
  let key: string | null = null;
  if (opts.idempotencyKey != null) {
    const checked = idempotencyKeySchema.safeParse(opts.idempotencyKey);
    if (!checked.success) throw invalid(checked.error);
    key = checked.data;
  }

  // A repeated key is found by the insert's ON CONFLICT below (no lookup on the hot path), unless
  // the order can no longer be made as asked (shop closed, item gone): then the key's order, if any, answers.
  const now = opts.now ?? new Date();
  const placer: Placer = { userId: opts.userId ?? null, guestClient: opts.userId ? null : (opts.guestCap?.client ?? null) };
  let priced: Awaited<ReturnType<typeof prepareOrder>>;
  try {
    priced = await prepareOrder(db, input, now, opts.userId ?? null);
  } catch (error) {
    const existing = key && error instanceof DomainError ? await findByKey(db, key, placer) : null;
    if (existing) return { order: existing, created: false };
    throw error;
  }
  const { menu, lines, totals, status, schedule } = priced;

  for (let attempt = 1; ; attempt++) {
    const id = uuidv7();
    const pickupCode = generatePickupCode(opts.random ?? randomInt);
    const trackingToken = opts.userId ? null : newTrackingToken();
    const event = createEvent("order.placed", id, {
      orderId: id,
      shopId: menu.shop.id,
      status,
      totalCents: totals.totalCents,
      currency: menu.shop.currency,
      items: lines.map((l) => ({ productId: l.product.id, quantity: l.quantity })),
      ...(schedule ? { pickupAt: schedule.pickupAt.toISOString() } : {}),
    }, now);
    try {
      const row: NewOrderRow = {
        id,
        shopId: menu.shop.id,
        userId: opts.userId ?? null,
        customerName: input.customerName,
        status,
        paymentMethod: input.paymentMethod,
        pickupCode,
        idempotencyKey: key,
        trackingToken,
        guestCap: opts.userId ? null : (opts.guestCap ?? null),
        receiptEmail: input.receiptEmail ?? null,
        ...totals,
        currency: menu.shop.currency,
        notes: input.notes ?? null,
        pickupAt: schedule?.pickupAt ?? null,
        fireAt: schedule?.fireAt ?? null,
        now,
        items: lines.map((l) => ({
          id: uuidv7(),
          product_id: l.product.id,
          product_name: l.product.name,
          station: l.product.station,
          quantity: l.quantity,
          unit_price_cents: l.unitPriceCents,
          line_total_cents: l.lineTotalCents,
          options: optionsSnapshot(l),
          notes: l.notes ?? null,
        })),
        event,
      };
      let inserted: boolean;
      try {
        inserted = schedule || (input.freeDrink && opts.userId) ? await insertInTransaction(db, row, schedule, input.freeDrink && opts.userId ? opts.userId : null) : await insertPlacedOrder(db, row);
      } catch (error) {
        // A full slot answers a repeated key with the order it already made (its own order may be what filled it).
        const existing = key && error instanceof DomainError ? await findByKey(db, key, placer) : null;
        if (existing) return { order: existing, created: false };
        throw error;
      }
      if (inserted) {
        return { order: { id, status, pickupCode, totalCents: totals.totalCents, currency: menu.shop.currency, shop: menu.shop.slug, trackingToken }, created: true };
      }
      // Nothing inserted: a concurrent request with the same key won the race (answer with its
      // order), or the guest has as many open orders as they may.
      const winner = key ? await findByKey(db, key, placer) : null;
      if (winner) return { order: winner, created: false };
      if (row.guestCap) throw tooManyOpenOrders(row.guestCap.maxOpen);
      throw new Error(`order ${id} was neither inserted nor found by its idempotency key`);
    } catch (error) {
      if (isUniqueViolation(error, "orders_shop_id_active_pickup_code_key") && attempt < PICKUP_CODE_ATTEMPTS) continue;
      throw error;
    }
  }
}

/**
 * Prepares the order: prices it on the server from the shop's menu (build-order.ts, pricing.ts)
 * and sets its first status; refuses a closed shop, an impossible order, crypto at a shop without
 * a wallet, a free drink for a guest and crypto for nothing to pay.
 */
async function prepareOrder(db: Db, input: ParsedOrder, now: Date, userId: string | null) {
  if (input.freeDrink && !userId) throw new DomainError("unauthenticated", "Sign in to spend your beans on a free drink.");
  const menu = await cachedShopMenu(db, input.shop, now);
  if (!menu) throw new DomainError("not_found", `There is no shop "${input.shop}".`);
  const opening = openingState(menu.shop.hours, menu.shop.timezone, now);
  if (!opening.open) {
    const when = describeOpeningState(opening, localTime(now, menu.shop.timezone).weekday).replace(/^Closed, /, "");
    throw new DomainError("closed", `${menu.shop.name} is closed right now${opening.opensAt ? ` and ${when}` : ""}. Orders open again then.`);
  }
  const built = buildOrder(menu, input);
  const lines = built.lines;
  const totals = withTip(built.totals, input.tip);
  const status = input.paymentMethod === "CRYPTO" ? ("PENDING_PAYMENT" as const) : ("PLACED" as const);
  if (status === "PENDING_PAYMENT" && totals.totalCents === 0) {
    throw new DomainError("invalid", "Your beans cover this whole order, so there is nothing to pay in crypto. Choose pay at pickup.", [{ path: "paymentMethod", message: "Nothing to pay: choose pay at pickup." }]);
  }
  if (status === "PENDING_PAYMENT") {
    const shop = await db.shop.findUniqueOrThrow({ where: { id: menu.shop.id }, select: { receivingWallet: true } });
    if (!shop.receivingWallet) throw new DomainError("unavailable", `${menu.shop.name} does not take crypto payments. Please choose pay at pickup.`);
  }
  const schedule = input.pickupAt ? await planPickup(db, menu.shop, input.pickupAt, [...new Set(lines.map((l) => l.product.station))], now) : null;
  return { menu, lines, totals, status, schedule };
}

/** The pickup slot asked for, checked against today's slots; where it has room is checked again at insert, under its lock. */
async function planPickup(db: Db, shop: { id: string; timezone: string; hours: ScheduleShop["hours"] }, pickupAt: Date, stations: Station[], now: Date): Promise<Schedule> {
  const { basePrepMinutes } = await db.shop.findUniqueOrThrow({ where: { id: shop.id }, select: { basePrepMinutes: true } });
  const plan = await schedulePlan(db, { ...shop, basePrepMinutes }, now);
  const problem = pickupTimeProblem(pickupAt, plan.slots, now, shop.timezone);
  if (problem) throw new DomainError("invalid", problem, [{ path: "pickupAt", message: problem }]);
  return { shopId: shop.id, pickupAt, fireAt: fireTime(pickupAt, plan.prep, stations), stations, capacity: plan.capacity, label: slotLabel(pickupAt, shop.timezone) };
}

type Schedule = { shopId: string; pickupAt: Date; fireAt: Date; stations: Station[]; capacity: Record<Station, number>; label: string };

export type NewOrderRow = {
  id: string;
  shopId: string;
  userId: string | null;
  customerName: string;
  status: "PLACED" | "PENDING_PAYMENT";
  paymentMethod: string;
  pickupCode: string;
  idempotencyKey: string | null;
  trackingToken: string | null;
  guestCap: { client: string; maxOpen: number } | null;
  receiptEmail: string | null;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  tipCents: number;
  totalCents: number;
  currency: string;
  notes: string | null;
  pickupAt: Date | null;
  fireAt: Date | null;
  now: Date;
  items: Record<string, unknown>[];
  event: OutgoingEvent;
};

/**
 * Writes the order, its items, its first history row and its outbox event in ONE statement (one
 * round trip, atomic): placement is the hottest path. Returns false when the idempotency key
 * already exists or a guest already has `guestCap.maxOpen` open orders (nothing is written then).
 * The cap's count and the insert are one statement, not one lock: requests racing each other can
 * overshoot it by the few that the per-client rate limit lets through at once.
 */
async function insertPlacedOrder(db: Db | Prisma.TransactionClient, o: NewOrderRow): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>(placementStatement(o));
  return rows.length === 1;
}

/**
 * The placement statement itself (exported for bench:orders, which times this very statement
 * written straight with `pg` as the machine's calibration).
 */
export function placementStatement(o: NewOrderRow): Prisma.Sql {
  const capped = o.guestCap
    ? Prisma.sql`WHERE (SELECT count(*) FROM orders WHERE guest_client = ${o.guestCap.client}
                         AND status IN ('PENDING_PAYMENT', 'PLACED', 'SCHEDULED', 'QUEUED', 'PREPARING', 'READY')
                         AND placed_at > ${o.now}::timestamptz - make_interval(hours => ${GUEST_CAP_WINDOW_HOURS})) < ${o.guestCap.maxOpen}`
    : Prisma.empty;
  return Prisma.sql`
    WITH new_order AS (
      INSERT INTO orders (id, shop_id, user_id, customer_name, status, payment_method, pickup_code, active_pickup_code,
                          idempotency_key, tracking_token, guest_client, receipt_email, subtotal_cents, discount_cents, tax_cents, tip_cents, total_cents, currency, notes, pickup_at, fire_at, placed_at, updated_at)
      SELECT ${o.id}::uuid, ${o.shopId}::uuid, ${o.userId}::uuid, ${o.customerName}, ${o.status}::"OrderStatus", ${o.paymentMethod}::"PaymentMethod",
             ${o.pickupCode}, ${o.pickupCode}, ${o.idempotencyKey}, ${o.trackingToken}, ${o.guestCap?.client ?? null}, ${o.receiptEmail}, ${o.subtotalCents}, ${o.discountCents},
             ${o.taxCents}, ${o.tipCents}, ${o.totalCents}, ${o.currency}, ${o.notes}, ${o.pickupAt}::timestamptz, ${o.fireAt}::timestamptz, ${o.now}, ${o.now}
      ${capped}
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id
    ), items AS (
      INSERT INTO order_items (id, order_id, product_id, product_name, station, quantity, unit_price_cents, line_total_cents, options, notes)
      SELECT i.id, new_order.id, i.product_id, i.product_name, i.station::"Station", i.quantity, i.unit_price_cents, i.line_total_cents, i.options, i.notes
      FROM new_order, jsonb_to_recordset(${JSON.stringify(o.items)}::jsonb)
        AS i(id uuid, product_id uuid, product_name text, station text, quantity int, unit_price_cents int, line_total_cents int, options jsonb, notes text)
    ), history AS (
      INSERT INTO order_status_history (id, order_id, to_status, actor, created_at)
      SELECT ${uuidv7()}::uuid, id, ${o.status}::"OrderStatus", ${o.userId ?? "customer"}, ${o.now} FROM new_order
    ), event AS (${outboxInsert([o.event], Prisma.sql`SELECT id::text FROM new_order`)})
    SELECT id FROM new_order`;
}

/**
 * The order in a transaction with what must hold with it: an order for later takes its slot's lock
 * and counts what the slot already holds before inserting (a full slot writes nothing, also when
 * placements race), and a free drink spends the beans (a short balance writes neither).
 */
async function insertInTransaction(db: Db, row: NewOrderRow, schedule: Schedule | null, freeDrinkUser: string | null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    if (schedule) {
      await lockSlot(tx, schedule.shopId, schedule.pickupAt);
      const promised = (await promisedPerSlot(tx, schedule.shopId, [schedule.pickupAt])).get(schedule.pickupAt.getTime()) ?? {};
      if (!fitsSlot(promised, schedule.capacity, schedule.stations)) {
        throw new DomainError("unavailable", `The ${schedule.label} pickup time is full. Please choose another time.`, [{ path: "pickupAt", message: `${schedule.label} is full` }]);
      }
    }
    if (!(await insertPlacedOrder(tx, row))) return false;
    if (freeDrinkUser) await redeemFreeDrink(tx, freeDrinkUser, row.id);
    return true;
  });
}

type Placer = { userId: string | null; guestClient: string | null };

/**
 * The order an Idempotency-Key already made, answered only to whoever made it (the same account,
 * or the same guest device): a key is no password, and the answer carries the order's link.
 */
async function findByKey(db: Db, key: string, placer: Placer): Promise<PlacedOrder | null> {
  const order = await db.order.findUnique({
    where: { idempotencyKey: key },
    select: { id: true, status: true, pickupCode: true, totalCents: true, currency: true, userId: true, trackingToken: true, guestClient: true, shop: { select: { slug: true } } },
  });
  if (order && (order.userId !== placer.userId || order.guestClient !== placer.guestClient)) {
    throw new DomainError("conflict", "This Idempotency-Key was already used for another order. Use a new key for a new order.");
  }
  return order
    ? {
        id: order.id,
        status: order.status === "PENDING_PAYMENT" ? "PENDING_PAYMENT" : "PLACED",
        pickupCode: order.pickupCode,
        totalCents: order.totalCents,
        currency: order.currency,
        shop: order.shop.slug,
        trackingToken: order.userId ? null : order.trackingToken,
      }
    : null;
}

function tooManyOpenOrders(max: number): DomainError {
  return new DomainError("rate_limited", `You already have ${max} orders waiting to be paid or collected. Collect or cancel one before ordering again.`);
}

/** Whether the error is PostgreSQL's unique violation of the named constraint (raw queries report it as P2010). */
function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  const text = `${error.message} ${JSON.stringify(error.meta ?? {})}`;
  return (error.code === "P2002" || text.includes("23505")) && text.includes(constraint);
}
