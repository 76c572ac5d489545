import type { Prisma } from "@/lib/db";
import type { BatchHandler } from "@/lib/kafka/consumer";
import { rulesDecision } from "../core/decide";
import { createProposal } from "../core/proposals";
import { recordRun } from "../core/runs";
import { newDrinkPayload } from "../inventor/compose";
import { NEW_DRINK_KIND } from "../inventor/agent";
import { openingHours } from "../scheduler/state";
import { chooseTastingSlot, localHourStart, openHoursAhead } from "./schedule";
import { meanScore } from "./verdict";
import { formatMoney } from "@/lib/ui/money";
import { env } from "@/lib/env";
import { addDays, localDate } from "@/lib/analytics/time";
import { specialDaysBetween } from "@/lib/shops/special-days";
import { syncTastingAlerts } from "./alerts";
import { inviteStaffToTasting } from "./invite";

type Tx = Prisma.TransactionClient;

export const TASTING_AGENT = "tasting";
export const TASTING_CONSUMER = "agents-tasting";
export const ADD_TO_MENU_KIND = "add_to_menu";
export const PROMPT_VERSION = "tasting-rules-v1";
/** An add-to-menu proposal waits a week for the manager. */
export const ADD_TO_MENU_TTL_HOURS = 7 * 24;

/** The latest stored forecast for each local hour ahead (the scheduler's rows). */
async function forecastAhead(tx: Tx, shopId: string, hours: readonly string[]): Promise<Map<string, number>> {
  if (hours.length === 0) return new Map();
  const rows = await tx.$queryRaw<{ hour: string; orders: number }[]>`
    SELECT DISTINCT ON (hour) to_char(hour, 'YYYY-MM-DD"T"HH24:00') AS hour, orders FROM scheduler_forecasts
    WHERE shop_id = ${shopId}::uuid AND hour >= ${hours[0]}::timestamp AND hour <= ${hours[hours.length - 1]}::timestamp
    ORDER BY hour, made_on DESC`;
  return new Map(rows.map((r) => [r.hour, r.orders]));
}

/**
 * An approved new drink gets its tasting (once: one per proposal, ON CONFLICT DO NOTHING), in the
 * quietest forecast hour within opening hours in the next 3 days, or the first opening hour
 * tomorrow when there is no forecast (the note says which). A run is recorded (rules: no model),
 * the shop's staff are mailed an invitation (invite.ts), and its alert puts it in their bells (alerts.ts).
 */
export async function scheduleTasting(tx: Tx, proposalId: string, triggerEventId: string | null, now: Date, appUrl: string = env().APP_URL): Promise<string | null> {
  const started = performance.now();
  const p = await tx.agentProposal.findUnique({ where: { id: proposalId } });
  if (!p || p.kind !== NEW_DRINK_KIND || p.status !== "APPROVED") return null;
  const drink = newDrinkPayload.safeParse(p.payload);
  if (!drink.success) return null;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: p.shopId }, select: { timezone: true } });
  const intervals = await openingHours(tx, p.shopId);
  const forecast = await forecastAhead(tx, p.shopId, openHoursAhead(now, shop.timezone, intervals));
  // Days the shop's calendar marks closed (a holiday) are never a tasting's, quiet as their forecast is.
  const today = localDate(now, shop.timezone);
  const closedDays = new Set((await specialDaysBetween(tx, p.shopId, today, addDays(today, 9))).filter((d) => d.closed).map((d) => d.date));
  const slot = chooseTastingSlot(now, shop.timezone, intervals, forecast, closedDays);
  if (!slot) return null; // a shop with no opening hours at all
  const scheduledAt = localHourStart(slot.hour, shop.timezone);
  const runId = await recordRun(
    tx,
    { agent: TASTING_AGENT, shopId: p.shopId, triggerEventId, inputsSummary: `approved new drink ${drink.data.name}; ${forecast.size} forecast hours open in the next 3 days`, promptVersion: PROMPT_VERSION, latencyMs: Math.round(performance.now() - started) },
    rulesDecision(null),
    { tasting: drink.data.name, hour: slot.hour, ordersForecast: slot.orders, reason: slot.reason },
  );
  const made = await tx.tasting.createManyAndReturn({ data: [{ shopId: p.shopId, proposalId, name: drink.data.name, drink: drink.data, scheduledAt, scheduleNote: slot.reason, runId }], skipDuplicates: true, select: { id: true } });
  const id = made[0]?.id ?? null;
  if (id) {
    await inviteStaffToTasting(tx, { id, shopId: p.shopId, name: drink.data.name, description: drink.data.description, scheduledAt, scheduleNote: slot.reason }, appUrl);
    await syncTastingAlerts(tx, p.shopId, now);
  }
  return id;
}

/** The consumer: approved new drinks (agents.proposals.v1) get their tasting; everything else on the topic is acknowledged. */
export const tastingHandler: BatchHandler = {
  types: ["agents.proposal_decided"],
  wants: (e) => e.type === "agents.proposal_decided" && e.payload.status === "APPROVED" && e.payload.kind === NEW_DRINK_KIND,
  async handle(events, { tx }) {
    for (const e of events) if (e.type === "agents.proposal_decided") await scheduleTasting(tx, e.payload.proposalId, e.id, new Date(e.occurredAt));
  },
};

/** A tasting passed: the add-to-menu proposal for its shop (a run recorded). */
export async function proposeAddToMenu(tx: Tx, tasting: { id: string; shopId: string; name: string; drink: unknown }, scores: readonly number[], now: Date): Promise<string> {
  const drink = newDrinkPayload.parse(tasting.drink);
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: tasting.shopId }, select: { currency: true } });
  const mean = meanScore(scores)!;
  const reason = `Tasting passed: mean ${mean.toFixed(1)} of 5 from ${scores.length} ${scores.length === 1 ? "score" : "scores"}`;
  const runId = await recordRun(
    tx,
    { agent: TASTING_AGENT, shopId: tasting.shopId, triggerEventId: null, inputsSummary: `tasting of ${tasting.name}: ${scores.join(", ")}`, promptVersion: PROMPT_VERSION, latencyMs: 0 },
    rulesDecision(null),
    { tasting: tasting.id, mean, scores: scores.length, verdict: "PASSED" },
  );
  return createProposal(
    tx,
    { agent: TASTING_AGENT, shopId: tasting.shopId, kind: ADD_TO_MENU_KIND, subject: `add_to_menu:${tasting.id}`, title: `Add ${drink.name} to the menu at ${formatMoney(drink.priceCents, shop.currency)}`, payload: { ...drink, tastingId: tasting.id, reason, provider: "rules" }, runId, ttlHours: ADD_TO_MENU_TTL_HOURS },
    now,
  );
}
