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

  describe("special days", () => {
    const withDays: PlanFacts = {
      ...facts,
      days: [
        { label: "Monday", orders: 230, peakHour: 8, peakOrders: 42, maxStaff: 3 },
        { label: "Thursday", orders: 0, peakHour: 0, peakOrders: 0, maxStaff: 0, special: { name: "Thanksgiving", closed: true, levelPct: 0, source: "closed" } },
        { label: "Saturday", orders: 360, peakHour: 10, peakOrders: 60, maxStaff: 4, special: { name: "4th Street market", closed: false, levelPct: 200, source: "learned" } },
      ],
    };

    it("the template names them from the calendar, with the level used", () => {
      expect(rulesExplanation(withDays).explanation).toMatch(/ Special days: Thanksgiving \(Thursday\) closed; 4th Street market \(Saturday\) at 200 % of a normal day, learned from last time\.$/);
    });

    it("a model may name a special day that is in the data (its digits are the name's, not figures)", async () => {
      const text = "Thanksgiving closes the shop on Thursday; the 4th Street market doubles Saturday to 200 % of a normal day, so plan 4 on shift at 10:00.";
      const { model } = scriptedModel([{ text: JSON.stringify({ explanation: text }) }]);
      const d = await explainPlan(model, withDays);
      expect(d.outcome).toBe("OK");
      expect(d.output.explanation).toBe(text);
    });

    it("refuses a text that mentions a holiday the calendar does not have", async () => {
      const invented = JSON.stringify({ explanation: "Christmas week: Monday peaks at 08:00 with 42 orders, so have 3 on shift." });
      const { model } = scriptedModel([{ text: invented }, { text: invented }]);
      const d = await explainPlan(model, withDays);
      expect(d.outcome).toBe("FALLBACK");
      expect(d.error).toMatch(/Christmas/);
      const plain = await explainPlan(scriptedModel([{ text: JSON.stringify({ explanation: "A quiet holiday week: Monday peaks at 08:00 with 42 orders." }) }, { text: "x" }]).model, facts);
      expect(plain.outcome).toBe("FALLBACK");
    });
  });
});
