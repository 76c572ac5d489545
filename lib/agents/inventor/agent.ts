import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { localDate } from "@/lib/analytics/time";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { formatMoney } from "@/lib/ui/money";
import { rulesDecision } from "../core/decide";
import { createProposal } from "../core/proposals";
import type { AgentModel } from "../core/provider";
import { recordRun } from "../core/runs";
import { formatBps, formatQuantity, isStocked, type NewDrink } from "./compose";
import { inventDrinkFrom } from "./invent";
import { seasonOf, type Season } from "./library";
import { loadPantry, takenNames } from "./state";

type Tx = Prisma.TransactionClient;

export const INVENTOR_AGENT = "inventor";
export const INVENTOR_CONSUMER = "agents-inventor";
export const NEW_DRINK_KIND = "new_drink";
/** One new drink waiting per shop: a repeated request while one waits proposes nothing. */
export const NEW_DRINK_SUBJECT = "new_drink";
export const PROMPT_VERSION = "inventor-drink-v1";
/** A new drink waits a week for a decision (the weekly sweep then proposes the next one). */
export const NEW_DRINK_TTL_HOURS = 7 * 24;

export type InventorDeps = { model: AgentModel; now?: () => Date };
export type Trigger = { eventId: string | null; reason: "manager" | "weekly" };
export type InventorResult = { runId: string; proposalId: string | null; drink: NewDrink | null; note: string };

/** The pending new drink at a shop, if any. */
async function waitingDrink(tx: Tx, shopId: string, now: Date) {
  return tx.agentProposal.findFirst({ where: { shopId, kind: NEW_DRINK_KIND, subject: NEW_DRINK_SUBJECT, status: "PENDING", expiresAt: { gt: now } }, select: { id: true, title: true } });
}

export function drinkTitle(d: Pick<NewDrink, "name" | "priceCents">, currency: string): string {
  return `New drink: ${d.name} at ${formatMoney(d.priceCents, currency)}`;
}

/**
 * One run of the inventor for one shop (inside the caller's transaction, under the shop's
 * inventor lock): unless a new drink already waits, it reads the shop's pantry (drink
 * ingredients with stock and a priced supplier), lets the model compose a drink — checked:
 * stocked ingredients only, quantities in bounds, a free name, a description without prices or
 * other ingredients — or the rules pick one from the season's library, then costs it from the
 * pack prices and prices it at the shop's margin, and proposes it. Every run is recorded.
 */
export async function inventDrink(tx: Tx, deps: InventorDeps, shopId: string, trigger: Trigger): Promise<InventorResult> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.inventor'), hashtext(${shopId}))`;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true, country: true, currency: true, targetMarginBps: true } });
  const season = seasonOf(localDate(now, shop.timezone), shop.country);
  const record = (inputs: string, decision: Parameters<typeof recordRun>[2], output: Prisma.InputJsonValue) =>
    recordRun(tx, { agent: INVENTOR_AGENT, shopId, triggerEventId: trigger.eventId, inputsSummary: inputs, promptVersion: PROMPT_VERSION, latencyMs: Math.round(performance.now() - started) }, decision, output);

  const waiting = await waitingDrink(tx, shopId, now);
  if (waiting) {
    const note = `A new drink is already waiting for a decision: ${waiting.title}`;
    return { runId: await record(`${trigger.reason} request; ${season}`, rulesDecision(null), { skipped: note }), proposalId: null, drink: null, note };
  }
  // One after the other: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const pantry = await loadPantry(tx, shopId);
  const taken = await takenNames(tx, shopId, now);
  const stocked = pantry.filter(isStocked);
  const inputs = `${trigger.reason} request; ${season}; ${stocked.length} drink ingredients stocked with a price (of ${pantry.length} in the catalog); margin ${formatBps(shop.targetMarginBps)}; ${taken.size} names taken`;
  const invention = await inventDrinkFrom(deps.model, { season, pantry, taken, marginBps: shop.targetMarginBps });
  if (!invention) {
    const note = `Nothing to propose: no ${season} drink of the library can be made from what this shop stocks, under a name nobody has.`;
    return { runId: await record(inputs, rulesDecision(null), { skipped: note }), proposalId: null, drink: null, note };
  }
  const { drink, decision, composedBy } = invention;
  const output = { ...drink, composedBy };
  const runId = await record(inputs, decision, output);
  const proposalId = await createProposal(
    tx,
    {
      agent: INVENTOR_AGENT,
      shopId,
      kind: NEW_DRINK_KIND,
      subject: NEW_DRINK_SUBJECT,
      title: drinkTitle(drink, shop.currency),
      payload: { ...drink, provider: composedBy, reason: `${drink.lines.map((l) => `${formatQuantity(l.quantity, l.unit)} ${l.name}`).join(", ")}; cost ${formatMoney(drink.costCents, shop.currency)}, ${formatBps(drink.actualMarginBps)} margin` },
      runId,
      ttlHours: NEW_DRINK_TTL_HOURS,
    },
    now,
  );
  return { runId, proposalId, drink, note: drink.name };
}

/** The consumer's batch handler: each request runs the inventor for its shop, in the consumer's transaction (exactly once per event). */
export function inventorHandler(deps: InventorDeps): BatchHandler {
  return {
    types: ["agents.inventor_requested"],
    async handle(events, { tx }) {
      for (const e of events) {
        if (e.type !== "agents.inventor_requested") continue;
        await inventDrink(tx, deps, e.payload.shopId, { eventId: e.id, reason: e.payload.reason });
      }
    },
  };
}

/**
 * "Suggest a new drink" (a manager): refused with a sentence while a new drink waits; otherwise a
 * request on the inventor's topic through the outbox, audited, in one transaction.
 */
export async function requestNewDrink(db: Db, actor: AuditActor, shopId: string, now = new Date()): Promise<{ requestId: string }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.inventor'), hashtext(${shopId}))`;
    const waiting = await waitingDrink(tx, shopId, now);
    if (waiting) throw new DomainError("conflict", `A new drink is already waiting for your decision: ${waiting.title}. Approve or reject it first.`);
    const requestId = crypto.randomUUID();
    await enqueueEvents(tx, [createEvent("agents.inventor_requested", shopId, { requestId, shopId, reason: "manager", requestedBy: actor.id }, now)]);
    await recordAudit(tx, { shopId, actor, action: "agents.inventor.requested", target: `inventor-request:${requestId}`, summary: "Asked the beverage inventor for a new drink" });
    return { requestId };
  });
}

/** The weekly sweep is due at a shop on Mondays from 06:00 local time, once per local week (a worker down all Monday skips that week). */
export const SWEEP_WEEKDAY = 1;
export const SWEEP_HOUR = 6;

/** The local Monday (YYYY-MM-DD) of the week `now` falls in, and whether the sweep's hour has come. */
export function sweepWeek(now: Date, timeZone: string): { monday: string; due: boolean; localNow: string } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23", weekday: "short" }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  const date = `${get("year")}-${get("month")}-${get("day")}`;
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  const back = (weekday - SWEEP_WEEKDAY + 7) % 7;
  const monday = new Date(Date.parse(`${date}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
  // Only on the Monday itself: a worker started later in the week (a deploy, the tests) does not propose a drink at every shop.
  return { monday, due: back === 0 && Number(get("hour")) >= SWEEP_HOUR, localNow: date };
}

/**
 * The weekly trigger: every active shop whose week's sweep is due and that has had no inventor
 * run since its local Monday gets a request (reason "weekly") through the outbox. Returns how many.
 */
export async function requestWeeklyDrinks(db: Db, now = new Date(), onlyShops?: readonly string[]): Promise<number> {
  const shops = await db.shop.findMany({ where: { active: true, ...(onlyShops ? { id: { in: [...onlyShops] } } : {}) }, select: { id: true, timezone: true } });
  let requested = 0;
  for (const shop of shops) {
    const week = sweepWeek(now, shop.timezone);
    if (!week.due) continue;
    // Monday 00:00 local is at most 14 h from Monday 00:00 UTC: a day's margin covers every zone.
    const since = new Date(Date.parse(`${week.monday}T00:00:00Z`) - 86_400_000);
    const made = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.inventor'), hashtext(${shop.id}))`;
      const runs = await tx.agentRun.findMany({ where: { agent: INVENTOR_AGENT, shopId: shop.id, createdAt: { gte: since } }, select: { createdAt: true } });
      if (runs.some((r) => localDate(r.createdAt, shop.timezone) >= week.monday)) return false;
      // A weekly request already written this week (the worker has not answered it yet): not a second one.
      const asked = await tx.outboxEvent.findMany({ where: { type: "agents.inventor_requested", key: shop.id, occurredAt: { gte: since } }, select: { occurredAt: true, payload: true } });
      if (asked.some((o) => (o.payload as { reason?: string }).reason === "weekly" && localDate(o.occurredAt, shop.timezone) >= week.monday)) return false;
      await enqueueEvents(tx, [createEvent("agents.inventor_requested", shop.id, { requestId: crypto.randomUUID(), shopId: shop.id, reason: "weekly", requestedBy: null }, now)]);
      return true;
    });
    if (made) requested++;
  }
  return requested;
}

export type { Season };
