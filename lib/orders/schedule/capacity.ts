import type { Station } from "@/lib/catalog/types";
import type { Db, Prisma } from "@/lib/db";
import { openingState, type OpeningInterval } from "@/lib/shops/hours";
import { measuredPrepTimes } from "./prep-times";
import { asapMinutes, pickupSlots, slotCapacity, slotLabel, slotRoom, type PrepTimes, type StationCounts } from "./slots";

/**
 * A shop's pickup slots for today with what is already promised in each (the data side of
 * slots.ts), for the checkout (which slots to offer, which are full) and for placement (which it
 * re-checks under the slot's lock: the client is never trusted).
 */

type Reader = Db | Prisma.TransactionClient;
export type ScheduleShop = { id: string; timezone: string; basePrepMinutes: number; hours: readonly OpeningInterval[] };
export type SchedulePlan = { prep: PrepTimes; capacity: Record<Station, number>; asapMinutes: number; slots: Date[] };

/** Statuses whose orders no longer hold their slot. */
const RELEASED_SLOT = ["CANCELLED", "REFUNDING", "REFUNDED"];

export async function schedulePlan(db: Reader, shop: ScheduleShop, now: Date): Promise<SchedulePlan> {
  const prep = await measuredPrepTimes(db, shop, now);
  const asap = asapMinutes(prep);
  return { prep, capacity: slotCapacity(prep), asapMinutes: asap, slots: pickupSlots({ now, timeZone: shop.timezone, opening: openingState(shop.hours, shop.timezone, now), leadMinutes: asap }) };
}

/** Orders promised per slot (by start time in ms) and station: an order needing two stations counts at both. */
export async function promisedPerSlot(db: Reader, shopId: string, slots: readonly Date[]): Promise<Map<number, StationCounts>> {
  const out = new Map<number, StationCounts>();
  if (slots.length === 0) return out;
  const rows = await db.$queryRawUnsafe<{ pickup_at: Date; station: Station; n: number }[]>(
    `SELECT o.pickup_at, i.station::text AS station, count(DISTINCT o.id)::int AS n
     FROM orders o JOIN order_items i ON i.order_id = o.id
     WHERE o.shop_id = $1::uuid AND o.pickup_at = ANY($2::timestamptz[]) AND o.status::text <> ALL($3::text[])
     GROUP BY 1, 2`,
    shopId,
    slots.map((s) => s.toISOString()),
    RELEASED_SLOT,
  );
  for (const r of rows) {
    const key = new Date(r.pickup_at).getTime();
    out.set(key, { ...out.get(key), [r.station]: r.n });
  }
  return out;
}

/**
 * Serialises placements for one slot of one shop until the transaction ends, so counting what is
 * promised and inserting the new order cannot interleave (no overbooking under concurrent placement).
 */
export async function lockSlot(tx: Prisma.TransactionClient, shopId: string, pickupAt: Date): Promise<void> {
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, `pickup-slot:${shopId}:${pickupAt.toISOString()}`);
}

/** `room`: how many more orders each station can take in the slot. */
export type PickupSlot = { at: string; label: string; room: Record<Station, number> };
export type PickupOptions = { asapMinutes: number; slots: PickupSlot[] };

/** What the checkout offers: "as soon as possible (about N min)" and today's slots, full ones marked. */
export async function pickupOptions(db: Db, shop: ScheduleShop, now = new Date()): Promise<PickupOptions> {
  const plan = await schedulePlan(db, shop, now);
  const promised = await promisedPerSlot(db, shop.id, plan.slots);
  return {
    asapMinutes: plan.asapMinutes,
    slots: plan.slots.map((at) => ({ at: at.toISOString(), label: slotLabel(at, shop.timezone), room: slotRoom(promised.get(at.getTime()) ?? {}, plan.capacity) })),
  };
}
