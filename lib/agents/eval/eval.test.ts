import { expect, it } from "vitest";
import { evalAssistant } from "./assistant";
import { evalInventory, evalTable } from "./inventory";

/** `npm run agents:eval` as a unit test: every scenario on every path must pass (it runs in `npm test`). */
it("the inventory agent passes its eval on the rules path and against scripted model answers", async () => {
  const cases = await evalInventory();
  expect(cases.length).toBeGreaterThanOrEqual(20);
  expect(cases.filter((c) => !c.passed).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  expect(evalTable(cases)).toMatch(/inventory\s+model: hallucinated\s+3\/3\s+100 %/);
});

it("the customer assistant passes its eval: rules from the menu, model answers checked against it, the injected question included", async () => {
  const cases = await evalAssistant();
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(cases.filter((c) => !c.passed).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  expect(evalTable(cases)).toMatch(/assistant\s+model: obeys the injection\s+9\/9\s+100 %/);
});
