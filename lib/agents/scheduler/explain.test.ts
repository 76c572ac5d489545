import { describe, expect, it } from "vitest";
import { scriptedModel } from "../testing/scripted-model";
import { explainPlan, rulesExplanation, type PlanFacts } from "./explain";

const facts: PlanFacts = {
  weekTotal: 1450,
  lastWeekTotal: 1400,
  days: [
    { label: "Monday", orders: 230, peakHour: 8, peakOrders: 42, maxStaff: 3 },
    { label: "Saturday", orders: 180, peakHour: 10, peakOrders: 30, maxStaff: 2 },
  ],
  workSource: "measured",
};

describe("the plan's explanation", () => {
  it("is the rules' template without a model, quoting only the plan's figures", async () => {
    const d = await explainPlan(null, facts);
    expect(d.provider).toBe("rules");
    expect(d.output.explanation).toBe("1450 orders expected over the next 7 days (4 % more than the last 7 days). Busiest: Monday at 08:00 with 42 orders, needing 3 on shift.");
  });

  it("takes a model's text whose figures are all in the plan", async () => {
    const text = "Monday morning is the crunch: 42 orders at 08:00, so have 3 on shift; the week totals 1,450.";
    const { model } = scriptedModel([{ text: JSON.stringify({ explanation: text }) }]);
    const d = await explainPlan(model, facts);
    expect(d.outcome).toBe("OK");
    expect(d.output.explanation).toBe(text);
  });

  it("refuses a text that invents a figure (twice) and uses the rules' template", async () => {
    const invented = JSON.stringify({ explanation: "Expect 5000 orders on Monday; hire 12 more baristas right away." });
    const { model } = scriptedModel([{ text: invented }, { text: "not json" }]);
    const d = await explainPlan(model, facts);
    expect(d.outcome).toBe("FALLBACK");
    expect(d.error).toMatch(/5000/);
    expect(d.output).toEqual(rulesExplanation(facts));
  });
});
