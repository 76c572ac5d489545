/**
 * From orders per hour to baristas per station. Pure.
 *
 * Work time is measured, not guessed: for each made order, the time from "start preparing" to
 * each item done is split between the items finished at that moment in proportion to their
 * catalog prep times (so an order whose items were all ticked off at once is still split
 * sensibly), summed per station, and averaged over all orders (an order without food adds 0 to
 * the food station). The analytics' prep histograms measure queued → ready, which includes the
 * wait in the queue, so they would count understaffing as work.
 *
 * Throughput assumption (stated on the screen): a barista is busy at most UTILISATION of an
 * hour; the rest absorbs bursts within the hour, the counter and cleaning.
 */

export const STATIONS = ["ESPRESSO_BAR", "BREW", "FOOD"] as const;
export type Station = (typeof STATIONS)[number];
export const STATION_LABELS: Record<Station, string> = { ESPRESSO_BAR: "Espresso bar", BREW: "Brew", FOOD: "Food" };

export const UTILISATION = 0.75;
/** Orders that took longer than this from start to ready were left waiting, not worked on. */
const MAX_ORDER_SECONDS = 20 * 60;
/** Below this many measured orders the catalog's prep times stand in. */
export const MIN_MEASURED_ORDERS = 20;

export type MadeOrder = {
  startedAt: number;
  readyAt: number;
  items: { station: Station; quantity: number; prepSeconds: number; doneAt: number | null }[];
};

export type WorkTimes = { perOrder: Record<Station, number>; orders: number; source: "measured" | "catalog" };

/** Seconds of barista work each station spends on one order: per made order, then the mean. */
export function measuredWorkTimes(orders: readonly MadeOrder[]): { perOrder: Record<Station, number>; orders: number } {
  const sum: Record<Station, number> = { ESPRESSO_BAR: 0, BREW: 0, FOOD: 0 };
  let n = 0;
  for (const o of orders) {
    if (o.readyAt < o.startedAt || o.readyAt - o.startedAt > MAX_ORDER_SECONDS * 1000 || o.items.length === 0) continue;
    n++;
    const done = o.items.map((i) => ({ ...i, at: Math.min(Math.max(i.doneAt ?? o.readyAt, o.startedAt), o.readyAt) }));
    const moments = [...new Set(done.map((i) => i.at))].sort((a, b) => a - b);
    let prev = o.startedAt;
    for (const at of moments) {
      const batch = done.filter((i) => i.at === at);
      const weights = batch.map((i) => Math.max(0, i.prepSeconds) * i.quantity);
      const total = weights.reduce((a, b) => a + b, 0);
      batch.forEach((item, k) => {
        sum[item.station] += ((at - prev) / 1000) * (total > 0 ? weights[k]! / total : 1 / batch.length);
      });
      prev = at;
    }
  }
  const mean = (s: number) => (n > 0 ? s / n : 0);
  return { perOrder: { ESPRESSO_BAR: mean(sum.ESPRESSO_BAR), BREW: mean(sum.BREW), FOOD: mean(sum.FOOD) }, orders: n };
}

/** The catalog's prep times over the same orders: the stand-in while too few orders are measured. */
export function catalogWorkTimes(orders: readonly MadeOrder[]): Record<Station, number> {
  const sum: Record<Station, number> = { ESPRESSO_BAR: 0, BREW: 0, FOOD: 0 };
  for (const o of orders) for (const i of o.items) sum[i.station] += i.prepSeconds * i.quantity;
  const n = Math.max(1, orders.length);
  return { ESPRESSO_BAR: sum.ESPRESSO_BAR / n, BREW: sum.BREW / n, FOOD: sum.FOOD / n };
}

export function workTimes(orders: readonly MadeOrder[], fallbackPerOrder: Record<Station, number>): WorkTimes {
  const measured = measuredWorkTimes(orders);
  if (measured.orders >= MIN_MEASURED_ORDERS) return { ...measured, source: "measured" };
  return { perOrder: fallbackPerOrder, orders: measured.orders, source: "catalog" };
}

export type Staffing = Record<Station, number> & { total: number };

/**
 * Baristas needed in an hour with `orders` forecast: per station, the work in barista-hours over
 * UTILISATION, rounded up; in total the same over all stations together (one barista can cover
 * two light stations), and at least one while the shop is open.
 */
export function staffFor(orders: number, work: Record<Station, number>, open: boolean): Staffing {
  const need = (seconds: number) => Math.max(0, Math.ceil((orders * seconds) / 3600 / UTILISATION - 1e-9));
  const per = { ESPRESSO_BAR: need(work.ESPRESSO_BAR), BREW: need(work.BREW), FOOD: need(work.FOOD) };
  const all = need(work.ESPRESSO_BAR + work.BREW + work.FOOD);
  return { ...per, total: open ? Math.max(1, all) : all };
}

export type OpeningInterval = { weekday: number; opensMinute: number; closesMinute: number };

/** Whether a shop is open at any minute of a local hour (weekday 0 = Sunday; intervals may run past midnight). */
export function openDuring(intervals: readonly OpeningInterval[], weekday: number, hour: number): boolean {
  const from = hour * 60;
  const to = from + 60;
  return intervals.some((i) => {
    if (i.weekday === weekday) return i.opensMinute < to && i.closesMinute > from;
    // Yesterday's interval running past midnight.
    if (i.weekday === (weekday + 6) % 7 && i.closesMinute > 1440) return i.opensMinute - 1440 < to && i.closesMinute - 1440 > from;
    return false;
  });
}
