import { available, coverOf, expected, expectedUseOver, roundUpToPacks, SAFETY_DAYS, type IngredientState } from "../inventory/cover";

/**
 * The inter-location coordinator's arithmetic, pure: which shops are near each other, when a shop
 * is short, how much it needs, how much a neighbour can spare without going short itself, and the
 * transfer that follows (whole packs). Cover and daily use are the inventory agent's (cover.ts).
 */

/** Where a shop is: the schema has city, region and country (no coordinates). */
export type Site = { shopId: string; slug: string; name: string; city: string; region: string | null; country: string };

export type Proximity = "city" | "region";

/** Days a transfer takes by how near the shops are: across town the same day, within a region the next. */
export const TRANSIT_DAYS: Record<Proximity, number> = { city: 0, region: 1 };
/** The lead time assumed for an ingredient without a supplier set. */
export const DEFAULT_LEAD_DAYS = 2;
/** A sender keeps its own use over its lead time + the safety day + this many days more before it spares anything. */
export const SURPLUS_MARGIN_DAYS = 2;

const norm = (s: string | null) => (s ?? "").trim().toLowerCase();

/**
 * Two shops are nearby when they are in the same country and the same city (and region), or the
 * same region. Shops further apart never trade stock: a supplier is closer than a shop across the country.
 */
export function proximity(a: Site, b: Site): Proximity | null {
  if (a.shopId === b.shopId || norm(a.country) !== norm(b.country)) return null;
  if (norm(a.city) === norm(b.city) && norm(a.region) === norm(b.region)) return "city";
  if (norm(a.region) !== "" && norm(a.region) === norm(b.region)) return "region";
  return null;
}

export function leadDays(s: IngredientState): number {
  return s.supplier?.leadTimeDays ?? DEFAULT_LEAD_DAYS;
}

/** Days what the shop has and has coming lasts at the expected use (by weekday once known); null without use. */
export function coverWithIncoming(s: IngredientState): number | null {
  return coverOf(s, expected(s));
}

/**
 * Short: an ingredient the shop's menu uses, of which what it has and has coming (transfers)
 * cannot make one drink, or lasts less than the supplier's lead time (an order now would arrive too late).
 */
export function isShort(s: IngredientState): boolean {
  if (s.smallestUse === null) return false;
  if (expected(s) < s.smallestUse) return true;
  const cover = coverWithIncoming(s);
  return cover !== null && cover < leadDays(s);
}

/**
 * What the receiver needs to bridge until a supplier's delivery could arrive: its use over the
 * lead time plus the safety day (at least its reorder level and one drink), less what it has and has coming.
 */
export function receiverNeed(s: IngredientState): number {
  const target = Math.max(expectedUseOver(s, leadDays(s) + SAFETY_DAYS), s.reorderLevel, s.smallestUse ?? 0);
  return Math.max(0, Math.ceil(target - Math.max(0, expected(s))));
}

/** What a sender must keep for itself: its own use over its lead time + safety day + margin, and never below its reorder level or one drink. */
export function senderKeeps(s: IngredientState): number {
  return Math.ceil(Math.max(s.reorderLevel, s.smallestUse ?? 0, expectedUseOver(s, leadDays(s) + SAFETY_DAYS + SURPLUS_MARGIN_DAYS)));
}

/** What a sender can spare: available now (never what is still coming to it), less what it already promised others, less what it keeps. */
export function senderSpare(s: IngredientState, promised: number): number {
  return Math.max(0, available(s) - promised - senderKeeps(s));
}

export function roundDownToPacks(quantity: number, packSize: number): number {
  return quantity <= 0 ? 0 : Math.floor(quantity / packSize) * packSize;
}

export type Sender = { site: Site; state: IngredientState; promised: number };

export type TransferPlan = {
  from: Site;
  to: Site;
  ingredientId: string;
  slug: string;
  name: string;
  unit: IngredientState["unit"];
  quantity: number;
  packSize: number;
  need: number;
  senderKeeps: number;
  proximity: Proximity;
  transitDays: number;
  leadDays: number;
  /** The receiver's cover now (with what is already coming) and the sender's after sending, in days; null without use. */
  receiverCover: number | null;
  senderCoverAfter: number | null;
};

/**
 * One sender's offer for a receiver's shortage: whole packs (the sender's pack size, else the
 * receiver's), enough for the need rounded up but never more than the sender can spare rounded
 * down, so the sender never falls below what it keeps. Null when it cannot send one pack.
 */
export function offer(to: Site, receiver: IngredientState, sender: Sender): TransferPlan | null {
  const near = proximity(to, sender.site);
  if (!near) return null;
  const packSize = sender.state.supplier?.packSize ?? receiver.supplier?.packSize ?? 1;
  const need = receiverNeed(receiver);
  const quantity = Math.min(roundUpToPacks(need, packSize), roundDownToPacks(senderSpare(sender.state, sender.promised), packSize));
  if (need <= 0 || quantity <= 0) return null;
  return {
    from: sender.site,
    to,
    ingredientId: receiver.ingredientId,
    slug: receiver.slug,
    name: receiver.name,
    unit: receiver.unit,
    quantity,
    packSize,
    need,
    senderKeeps: senderKeeps(sender.state),
    proximity: near,
    transitDays: TRANSIT_DAYS[near],
    leadDays: leadDays(receiver),
    receiverCover: coverWithIncoming(receiver),
    senderCoverAfter: coverOf(sender.state, available(sender.state) - sender.promised - quantity),
  };
}

/**
 * The transfer to propose for one short ingredient, or null: among nearby shops that can spare at
 * least a pack, the soonest to arrive, then the one covering most of the need, then by name. A
 * transfer is proposed only when it arrives sooner than an order from the supplier would (transit
 * days below the lead time); otherwise the purchase order alone is the better answer.
 */
export function planTransfer(to: Site, receiver: IngredientState, senders: readonly Sender[]): TransferPlan | null {
  if (!isShort(receiver)) return null;
  const offers = senders
    .filter((s) => s.state.ingredientId === receiver.ingredientId)
    .map((s) => offer(to, receiver, s))
    .filter((o): o is TransferPlan => o !== null && o.transitDays < o.leadDays);
  offers.sort((a, b) => a.transitDays - b.transitDays || b.quantity - a.quantity || a.from.name.localeCompare(b.from.name));
  return offers[0] ?? null;
}

/** Most urgent first: nothing left, then the least cover. */
export function byUrgency(a: IngredientState, b: IngredientState): number {
  const key = (s: IngredientState) => (expected(s) < (s.smallestUse ?? 0) ? -1 : (coverWithIncoming(s) ?? Number.POSITIVE_INFINITY));
  return key(a) - key(b) || a.slug.localeCompare(b.slug);
}
