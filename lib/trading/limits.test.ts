import { describe, expect, it } from "vitest";
import { describeLimitChange, formLimits, guardLimitsInput } from "./limits";

const stored = { maxTradeUsdCents: 2_000_000, maxSlippageBps: 50, dailyLossLimitUsdCents: 50_000, maxOracleDeviationBps: 1_500, oracleMaxAgeSeconds: 3_600, maxPegDeviationBps: 200, stablecoinMaxAgeSeconds: 86_400 };
const form = { maxTradeUsd: "20000", maxSlippageBps: "50", dailyLossLimitUsd: "500", maxOracleDeviationBps: "1500", oracleMaxAgeMinutes: "60", maxPegDeviationBps: "200", stablecoinMaxAgeHours: "24" };

const messages = (input: unknown) => {
  const r = guardLimitsInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("guard limits input", () => {
  it("takes the form's strings in people's units", () => {
    expect(guardLimitsInput.parse(form)).toEqual({ maxTradeUsd: 20_000, maxSlippageBps: 50, dailyLossLimitUsd: 500, maxOracleDeviationBps: 1_500, oracleMaxAgeMinutes: 60, maxPegDeviationBps: 200, stablecoinMaxAgeHours: 24 });
    expect(formLimits(stored)).toEqual(guardLimitsInput.parse(form));
  });

  it("refuses blanks (not zero), fractions, words and values out of bounds, each with its field's sentence", () => {
    expect(messages({ ...form, dailyLossLimitUsd: " " })).toEqual(["dailyLossLimitUsd: Daily loss limit: a number of dollars"]);
    expect(messages({ ...form, maxTradeUsd: "5" })).toEqual(["maxTradeUsd: Max trade: at least $10"]);
    expect(messages({ ...form, maxPegDeviationBps: "5" })).toEqual(["maxPegDeviationBps: Stablecoin depeg: at least 10 bps (0.1 %)"]);
    expect(messages({ ...form, maxTradeUsd: "20000000" })).toEqual(["maxTradeUsd: Max trade: at most $10,000,000"]);
    expect(messages({ ...form, maxSlippageBps: "2.5" })).toEqual(["maxSlippageBps: Max slippage: whole basis points"]);
    expect(messages({ ...form, maxOracleDeviationBps: "lots" })).toEqual(["maxOracleDeviationBps: Oracle deviation: a number of basis points"]);
    expect(messages({ ...form, oracleMaxAgeMinutes: "0" })).toEqual(["oracleMaxAgeMinutes: Oracle age: at least 1 min"]);
    expect(messages({ ...form, stablecoinMaxAgeHours: "0" })).toEqual(["stablecoinMaxAgeHours: Stablecoin feed age: at least 1 h"]);
    expect(messages({ ...form, stablecoinMaxAgeHours: "169" })).toEqual(["stablecoinMaxAgeHours: Stablecoin feed age: at most 168 h"]);
    expect(messages({ ...form, stablecoinMaxAgeHours: "1.5" })).toEqual(["stablecoinMaxAgeHours: Stablecoin feed age: whole hours"]);
    expect(messages({ ...form, maxSlippageBps: "1001" })).toEqual(["maxSlippageBps: Max slippage: at most 1,000 bps (10 %)"]);
    // Zero is a real daily loss limit (no loss at all is allowed), not a blank.
    expect(messages({ ...form, dailyLossLimitUsd: "0" })).toEqual([]);
  });

  it("takes any of the seven (the rest keep their value), but not none", () => {
    expect(guardLimitsInput.parse({ maxSlippageBps: "30" })).toEqual({ maxSlippageBps: 30 });
    expect(messages({})).toEqual([": Give at least one limit"]);
  });
});

describe("describeLimitChange", () => {
  it("says what changed, in order, and nothing when nothing did", () => {
    expect(describeLimitChange(stored, { ...stored, maxTradeUsdCents: 500_000, oracleMaxAgeSeconds: 600 })).toBe("Guard limits: max trade $20,000 → $5,000; oracle age 60 min → 10 min");
    expect(describeLimitChange(stored, { ...stored, oracleMaxAgeSeconds: 600, stablecoinMaxAgeSeconds: 90_000 })).toBe("Guard limits: oracle age 60 min → 10 min; stablecoin feed age 24 h → 25 h");
    expect(formLimits({ ...stored, stablecoinMaxAgeSeconds: 86_401 }).stablecoinMaxAgeHours).toBe(25);
    expect(describeLimitChange(stored, { ...stored })).toBeNull();
  });
});
