import type { Station } from "@/lib/catalog/types";
import { formatClock, localTime, type OpeningState } from "@/lib/shops/hours";

/**
 * Ordering for later, the rules (pure; the caller passes `now`):
 * - Pickup times are 15-minute slots today, in the shop's time zone, from the first slot a typical
 *   order could be ready by ("as soon as possible" covers anything earlier) until the shop closes.
 * - Each station makes about SLOT_SECONDS / typical-prep orders in a slot; a slot is full at a
 *   station once that many orders promised for it need the station.
 * - An order is released to the queue at its fire time: the pickup time less the time its slowest
 *   station nearly always needs (the measured p90), so it is ready by the promised time.
 */

export const SLOT_MINUTES = 15;
export const SLOT_SECONDS = SLOT_MINUTES * 60;
const MINUTES_PER_DAY = 1440;

/** Seconds from queued to done at one station: what it takes typically (p50) and nearly always (p90). */
export type StationPrep = { typicalSeconds: number; safeSeconds: number };
export type PrepTimes = Record<Station, StationPrep>;
export type StationCounts = Partial<Record<Station, number>>;

/** "As soon as possible (about N min)": the slowest station's typical time, in whole minutes (at least 1). */
export function asapMinutes(prep: PrepTimes, stations: readonly Station[] = allStations(prep)): number {
  return Math.max(1, Math.ceil(Math.max(0, ...stations.map((s) => prep[s].typicalSeconds)) / 60));
}

/**
 * Today's pickup slots (their start times): from the first slot at or after now + the typical
 * time, to the last one that starts before the shop closes (or before midnight, when it is open
 * past it). None while the shop is closed.
 */
export function pickupSlots(input: { now: Date; timeZone: string; opening: OpeningState; leadMinutes: number }): Date[] {
  const { now, timeZone, opening } = input;
  if (!opening.open) return [];
  const local = localTime(now, timeZone);
  const closes = opening.closesAt && opening.closesAt.weekday === local.weekday && opening.closesAt.minute > local.minute ? opening.closesAt.minute : MINUTES_PER_DAY;
  // Minutes of the shop's day map onto instants from this minute (offsets are whole minutes).
  const thisMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  const earliest = local.minute + (now.getTime() > thisMinute ? 1 : 0) + input.leadMinutes;
  const slots: Date[] = [];
  for (let m = Math.ceil(earliest / SLOT_MINUTES) * SLOT_MINUTES; m < closes; m += SLOT_MINUTES) {
    slots.push(new Date(thisMinute + (m - local.minute) * 60_000));
  }
  return slots;
}

/** Orders per slot each station can take: what it makes in 15 minutes at its typical pace (at least one). */
export function slotCapacity(prep: PrepTimes): Record<Station, number> {
  return Object.fromEntries(allStations(prep).map((s) => [s, Math.max(1, Math.floor(SLOT_SECONDS / Math.max(1, prep[s].typicalSeconds)))])) as Record<Station, number>;
}

/** Whether one more order needing `stations` fits beside the orders already promised for the slot. */
export function fitsSlot(promised: StationCounts, capacity: Record<Station, number>, stations: readonly Station[]): boolean {
  return stations.every((s) => (promised[s] ?? 0) < capacity[s]);
}

/** How many more orders each station can take in the slot. */
export function slotRoom(promised: StationCounts, capacity: Record<Station, number>): Record<Station, number> {
  return Object.fromEntries((Object.keys(capacity) as Station[]).map((s) => [s, Math.max(0, capacity[s] - (promised[s] ?? 0))])) as Record<Station, number>;
}

/** Whether an order needing `stations` fits a slot with this room (the checkout marks the others full). */
export function roomFor(room: Partial<Record<Station, number>>, stations: readonly Station[]): boolean {
  return stations.every((s) => (room[s] ?? 0) > 0);
}

/** When to release the order to the queue: the pickup time less its slowest station's p90. */
export function fireTime(pickupAt: Date, prep: PrepTimes, stations: readonly Station[]): Date {
  const lead = Math.max(0, ...stations.map((s) => prep[s].safeSeconds));
  return new Date(pickupAt.getTime() - lead * 1000);
}

/** "08:15", in the shop's time zone. */
export function slotLabel(at: Date, timeZone: string): string {
  return formatClock(localTime(at, timeZone).minute);
}

/** Why a requested pickup time is not one of today's slots (a sentence), or null when it is. */
export function pickupTimeProblem(pickupAt: Date, slots: readonly Date[], now: Date, timeZone: string): string | null {
  if (slots.some((s) => s.getTime() === pickupAt.getTime())) return null;
  if (pickupAt.getTime() <= now.getTime()) return "That pickup time has passed. Please choose a later time.";
  if (pickupAt.getTime() % (SLOT_MINUTES * 60_000) !== 0) return `Pickup times are on the quarter hour (for example ${slots[0] ? slotLabel(slots[0], timeZone) : "08:15"}).`;
  if (slots.length > 0 && pickupAt.getTime() < slots[0]!.getTime()) return `The earliest pickup time is ${slotLabel(slots[0]!, timeZone)}; choose "As soon as possible" for sooner.`;
  return slots.length > 0 ? `We take orders for later until ${slotLabel(slots.at(-1)!, timeZone)} today, within opening hours.` : "There are no more pickup times today.";
}

function allStations(prep: PrepTimes): Station[] {
  return Object.keys(prep) as Station[];
}
