import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import { invalid } from "@/lib/errors";
import type { PairVenues } from "@/lib/defi/venues";
import { treasuryControl } from "./desk";

/**
 * The treasury guard's limits as an admin sets them on /admin/treasury: in people's units (whole
 * dollars, basis points, minutes, hours), stored in treasury_control in the guard's (cents, seconds). The
 * desk reads them on every block, so a change applies from the next block. Every change is in the
 * audit log with the values before and after.
 */

/**
 * A whole-number field from min to max. Absent: not changed. Blank: refused as not a number (not
 * taken as 0, which z.coerce alone would make of it).
 */
export const whole = (what: string, unit: string, min: number, max: number, show: (n: number) => string) =>
  z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? Number.NaN : v),
      z.coerce
        .number(`${what}: a number of ${unit}`)
        .int(`${what}: whole ${unit}`)
        .min(min, `${what}: at least ${show(min)}`)
        .max(max, `${what}: at most ${show(max)}`),
    )
    .optional();
export const dollarsOf = (n: number) => `$${n.toLocaleString("en-US")}`;
const bpsOf = (n: number) => `${n.toLocaleString("en-US")} bps (${n / 100} %)`;

/** Any of the seven; those left out keep their value. */
export const guardLimitsInput = z
  .object({
    maxTradeUsd: whole("Max trade", "dollars", 10, 10_000_000, dollarsOf),
    maxSlippageBps: whole("Max slippage", "basis points", 1, 1_000, bpsOf),
    dailyLossLimitUsd: whole("Daily loss limit", "dollars", 0, 1_000_000, dollarsOf),
    // 10,000 (100 %) turns the breaker off, as tests on a deliberately skewed chain do.
    maxOracleDeviationBps: whole("Oracle deviation", "basis points", 10, 10_000, bpsOf),
    oracleMaxAgeMinutes: whole("Oracle age", "minutes", 1, 1_440, (n) => `${n.toLocaleString("en-US")} min`),
    maxPegDeviationBps: whole("Stablecoin depeg", "basis points", 10, 10_000, bpsOf),
    // Chainlink's mainnet USDC/USD heartbeat is 24 h: a day plus a margin is the sensible setting there.
    stablecoinMaxAgeHours: whole("Stablecoin feed age", "hours", 1, 168, (n) => `${n.toLocaleString("en-US")} h`),
  })
  .refine((l) => Object.values(l).some((v) => v !== undefined), "Give at least one limit");
export type GuardLimitsInput = z.input<typeof guardLimitsInput>;

type Stored = { maxTradeUsdCents: number; maxSlippageBps: number; dailyLossLimitUsdCents: number; maxOracleDeviationBps: number; oracleMaxAgeSeconds: number; maxPegDeviationBps: number; stablecoinMaxAgeSeconds: number };

/** The stored limits in the form's units (the feeds' ages rounded up to whole minutes and hours). */
export function formLimits(s: Stored) {
  return {
    maxTradeUsd: Math.floor(s.maxTradeUsdCents / 100),
    maxSlippageBps: s.maxSlippageBps,
    dailyLossLimitUsd: Math.floor(s.dailyLossLimitUsdCents / 100),
    maxOracleDeviationBps: s.maxOracleDeviationBps,
    oracleMaxAgeMinutes: Math.ceil(s.oracleMaxAgeSeconds / 60),
    maxPegDeviationBps: s.maxPegDeviationBps,
    stablecoinMaxAgeHours: Math.ceil(s.stablecoinMaxAgeSeconds / 3600),
  };
}

const FIELDS: [keyof Stored, string, (v: number) => string][] = [
  ["maxTradeUsdCents", "max trade", (v) => dollarsOf(v / 100)],
  ["maxSlippageBps", "max slippage", (v) => `${v} bps`],
  ["dailyLossLimitUsdCents", "daily loss limit", (v) => dollarsOf(v / 100)],
  ["maxOracleDeviationBps", "oracle deviation", (v) => `${v} bps`],
  ["oracleMaxAgeSeconds", "oracle age", (v) => `${v / 60} min`],
  ["maxPegDeviationBps", "stablecoin depeg", (v) => `${v} bps`],
  ["stablecoinMaxAgeSeconds", "stablecoin feed age", (v) => `${v / 3600} h`],
];

/** "Guard limits: max trade $20,000 → $5,000; max slippage 50 bps → 30 bps", or null when nothing changed. */
export function describeLimitChange(before: Stored, after: Stored): string | null {
  const parts = FIELDS.filter(([k]) => before[k] !== after[k]).map(([k, name, show]) => `${name} ${show(before[k])} → ${show(after[k])}`);
  return parts.length > 0 ? `Guard limits: ${parts.join("; ")}` : null;
}

/** Validates and stores the limits given; returns what changed (null: nothing did, and nothing is recorded). */
export async function updateGuardLimits(db: Db, venues: PairVenues, actor: AuditActor, input: unknown): Promise<string | null> {
  const parsed = guardLimitsInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const l = parsed.data;
  const given: Partial<Stored> = {
    ...(l.maxTradeUsd !== undefined && { maxTradeUsdCents: l.maxTradeUsd * 100 }),
    ...(l.maxSlippageBps !== undefined && { maxSlippageBps: l.maxSlippageBps }),
    ...(l.dailyLossLimitUsd !== undefined && { dailyLossLimitUsdCents: l.dailyLossLimitUsd * 100 }),
    ...(l.maxOracleDeviationBps !== undefined && { maxOracleDeviationBps: l.maxOracleDeviationBps }),
    ...(l.oracleMaxAgeMinutes !== undefined && { oracleMaxAgeSeconds: l.oracleMaxAgeMinutes * 60 }),
    ...(l.maxPegDeviationBps !== undefined && { maxPegDeviationBps: l.maxPegDeviationBps }),
    ...(l.stablecoinMaxAgeHours !== undefined && { stablecoinMaxAgeSeconds: l.stablecoinMaxAgeHours * 3600 }),
  };
  await treasuryControl(db, venues); // the row exists from the first block the desk saw, or now
  return db.$transaction(async (tx) => {
    // Locked, so two admins saving at once each see the other's values as "before".
    const [row] = await tx.$queryRaw<Stored[]>`
      SELECT max_trade_usd_cents AS "maxTradeUsdCents", max_slippage_bps AS "maxSlippageBps", daily_loss_limit_usd_cents AS "dailyLossLimitUsdCents",
             max_oracle_deviation_bps AS "maxOracleDeviationBps", oracle_max_age_seconds AS "oracleMaxAgeSeconds", max_peg_deviation_bps AS "maxPegDeviationBps",
             stablecoin_max_age_seconds AS "stablecoinMaxAgeSeconds"
      FROM treasury_control WHERE id = 1 FOR UPDATE`;
    const after = { ...row!, ...given };
    const summary = describeLimitChange(row!, after);
    if (!summary) return null;
    // Only what changed is written: a limit this save did not touch keeps whatever it is now.
    const changed = Object.fromEntries(Object.entries(given).filter(([k, v]) => row![k as keyof Stored] !== v));
    await tx.treasuryControl.update({ where: { id: 1 }, data: changed });
    await recordAudit(tx, { shopId: null, actor, action: "treasury.limits.updated", target: "treasury_control:1", summary, before: row!, after });
    return summary;
  });
}
