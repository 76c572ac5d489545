import type { Db, Prisma } from "@/lib/db";
import { addDays, localHour } from "@/lib/analytics/time";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { syncAlerts, type WantedAlert } from "../core/alerts";
import { rulesDecision } from "../core/decide";
import { recordRun } from "../core/runs";
import type { KeyedThrottle } from "../core/throttle";
import { SCHEDULER_AGENT } from "./agent";
import { PROMPT_VERSION } from "./explain";
import { ordersPerHour } from "./state";

type Tx = Prisma.TransactionClient;

export const SCHEDULER_CONSUMER = "agents-scheduler";

/** Orders so far in an hour count as "busier than forecast" at 50 % and at least 5 orders above it. */
export function busierThanForecast(actual: number, forecast: number): boolean {
  return actual >= Math.max(forecast * 1.5, forecast + 5);
}

/**
 * During the day: the hour in progress against its stored forecast. When a shop's orders so far
 * run well above it, the managers get one alert (through agents.alerts.v1 and the notifier); it
 * is resolved once the hour is over. A run is recorded when an alert is raised or resolved.
 */
export async function checkHourInProgress(tx: Tx, shopId: string, triggerEventId: string | null, now: Date): Promise<{ raised: WantedAlert[]; resolved: string[] }> {
  const shop = await tx.shop.findUnique({ where: { id: shopId }, select: { timezone: true } });
  if (!shop) return { raised: [], resolved: [] };
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.scheduler'), hashtext(${shopId}))`;
  const hour = localHour(now, shop.timezone);
  const [stored] = await tx.$queryRaw<{ orders: number; total: number }[]>`
    SELECT orders, total FROM scheduler_forecasts WHERE shop_id = ${shopId}::uuid AND hour = ${hour}::timestamp ORDER BY made_on DESC LIMIT 1`;
  const date = hour.slice(0, 10);
  const actual = stored ? ((await ordersPerHour(tx, shopId, shop.timezone, date, addDays(date, 1))).get(hour) ?? 0) : 0;
  const wanted: WantedAlert[] =
    stored && busierThanForecast(actual, stored.orders)
      ? [{ subject: `busy:${hour}`, severity: "warning", message: `Busier than forecast: ${actual} orders so far in the ${hour.slice(11)} hour, ${Math.round(stored.orders)} forecast; the plan has ${stored.total} on shift` }]
      : [];
  const started = performance.now();
  const changed = await syncAlerts(tx, SCHEDULER_AGENT, shopId, wanted, null, now);
  if (changed.raised.length > 0 || changed.resolved.length > 0) {
    await recordRun(
      tx,
      { agent: SCHEDULER_AGENT, shopId, triggerEventId, inputsSummary: `hour ${hour}: ${actual} orders so far, ${stored ? Math.round(stored.orders) : "no"} forecast`, promptVersion: PROMPT_VERSION, latencyMs: Math.round(performance.now() - started) },
      rulesDecision(null),
      { raised: changed.raised.map((a) => a.message), resolved: changed.resolved },
    );
  }
  return changed;
}

/**
 * Orders placed: each batch checks the hour in progress of every shop it touched, once, in the
 * batch's transaction — or, when `throttle` says the shop was checked moments ago, leaves it to the
 * throttle's trailing run (checkOnItsOwn), so a rush checks a shop a few times a minute, not for
 * every partition's batch. An order for a shop inside its interval is handed over in `wants`,
 * before any transaction (no processed-events row for it).
 */
export function schedulerHandler(now: () => Date = () => new Date(), throttle?: KeyedThrottle<string>): BatchHandler {
  return {
    types: ["order.placed"],
    wants: (e) => e.type === "order.placed" && !throttle?.deferIfBusy(e.payload.shopId, e.id),
    async handle(events, { tx }) {
      const lastEventOfShop = new Map<string, string>();
      for (const e of events) if (e.type === "order.placed") lastEventOfShop.set(e.payload.shopId, e.id);
      for (const [shopId, eventId] of lastEventOfShop) if (!throttle || throttle.take(shopId, eventId)) await checkHourInProgress(tx, shopId, eventId, now());
    },
  };
}

/** One shop's hour in progress in a transaction of its own (the throttle's trailing run). */
export function checkOnItsOwn(db: Db, shopId: string, eventId: string, now: Date = new Date()) {
  return db.$transaction((tx) => checkHourInProgress(tx, shopId, eventId, now));
}
