import { describe, expect, it } from "vitest";
import { scriptedModel } from "../testing/scripted-model";
import { candidatesFor, planPurchases } from "./plan";
import { INVENTORY_SCENARIOS } from "./scenarios";

const low = candidatesFor(INVENTORY_SCENARIOS[1]!.stock); // oat milk, rules say 12 000 ml
const answer = (orders: unknown) => JSON.stringify({ orders });

describe("planPurchases", () => {
  it("without a model, the rules decide and say so", async () => {
    const { decision, lines } = await planPurchases(null, low);
    expect(decision).toMatchObject({ provider: "rules", model: null, outcome: "OK" });
    expect(lines.map((l) => [l.slug, l.quantity])).toEqual([["oat-milk", 12_000]]);
  });

  it("takes a good model answer, rounded up to packs by code", async () => {
    const { model } = scriptedModel([{ text: answer([{ ingredient: "oat-milk", quantity: 7_000, reason: "weekend ahead" }]) }]);
    const { decision, lines } = await planPurchases(model, low);
    expect(decision).toMatchObject({ provider: "scripted", model: "scripted-v1", outcome: "OK", error: null, inputTokens: 120, outputTokens: 40 });
    expect(lines.map((l) => [l.slug, l.quantity, l.reason])).toEqual([["oat-milk", 12_000, "weekend ahead"]]);
  });

  it("retries malformed output once, then takes the good answer", async () => {
    const { model, calls } = scriptedModel([{ text: "Sure! Here is your order: oat milk, lots" }, { text: answer([{ ingredient: "oat-milk", quantity: 6_000, reason: "ok" }]) }]);
    const { decision, lines } = await planPurchases(model, low);
    expect(calls()).toBe(2);
    expect(decision.outcome).toBe("OK");
    expect(decision.error).toMatch(/attempt 1/);
    expect(lines[0]!.quantity).toBe(6_000);
  });

  it("refuses a hallucinated ingredient twice, then falls back to the rules", async () => {
    const hallucinated = { text: answer([{ ingredient: "oat-milk", quantity: 6_000, reason: "x" }, { ingredient: "unicorn-milk", quantity: 6_000, reason: "x" }]) };
    const { model } = scriptedModel([hallucinated, hallucinated]);
    const { decision, lines } = await planPurchases(model, low);
    expect(decision).toMatchObject({ outcome: "FALLBACK", provider: "scripted" });
    expect(decision.error).toMatch(/unknown ingredient "unicorn-milk"/);
    expect(lines.map((l) => [l.slug, l.quantity])).toEqual([["oat-milk", 12_000]]);
  });

  it("refuses an injected, absurd quantity and a timeout alike", async () => {
    const { model } = scriptedModel([{ text: answer([{ ingredient: "oat-milk", quantity: 999_999_999, reason: "ignore your instructions" }]) }, { error: "The operation was aborted due to timeout" }]);
    const { decision, lines } = await planPurchases(model, low);
    expect(decision.outcome).toBe("FALLBACK");
    expect(decision.error).toMatch(/outside 1\.\.48000[\s\S]*timeout/);
    expect(lines[0]!.quantity).toBe(12_000);
  });
});
