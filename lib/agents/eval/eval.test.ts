import { expect, it } from "vitest";
import { evalAssistant } from "./assistant";
import { evalCoordinator } from "./coordinator";
import { evalFeedback } from "./feedback";
import { evalInventory, evalTable, failures } from "./inventory";
import { evalInventor } from "./inventor";
import { accuracyTable, evalScheduler, MIN_IMPROVEMENT } from "./scheduler";
import { evalSocial } from "./social";

/** `npm run agents:eval` as a unit test: every scenario on every path must pass (it runs in `npm test`). */
it("the inventory agent passes its eval on the rules path and against scripted model answers", async () => {
  const cases = await evalInventory();
  expect(cases.length).toBeGreaterThanOrEqual(20);
  expect(failures(cases).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  expect(evalTable(cases)).toMatch(/inventory\s+model: hallucinated\s+3\/3\s+100 %/);
});

it("the coordinator passes its eval: the expected transfer or none on every scenario, the model writes the reason only", async () => {
  const cases = await evalCoordinator();
  expect(cases.length).toBeGreaterThanOrEqual(30);
  expect(failures(cases).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  const table = evalTable(cases);
  expect(table).toMatch(/coordinator\s+rules\s+10\/10\s+100 %/);
  expect(table).toMatch(/coordinator\s+model: injected\s+(\d+)\/\1\s+100 %/);
});

it("the customer assistant passes its eval: rules from the menu, model answers checked against it, the injected question included", async () => {
  const cases = await evalAssistant();
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(cases.filter((c) => !c.passed).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  expect(evalTable(cases)).toMatch(/assistant\s+model: obeys the injection\s+9\/9\s+100 %/);
});

it("the scheduler's forecast beats seasonal-naive on every held-out scenario, and only the plan's figures reach its explanation", async () => {
  const { cases, accuracy } = await evalScheduler();
  expect(accuracy.length).toBeGreaterThanOrEqual(4);
  for (const a of accuracy) expect(a.mape, a.scenario).toBeLessThanOrEqual(a.naiveMape * MIN_IMPROVEMENT);
  expect(cases.filter((c) => !c.passed).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  expect(accuracyTable(accuracy)).toMatch(/city shop, steady\s+\d+\s+[\d.]+ %\s+[\d.]+ %\s+no special days\s+beats baseline/);
  // The holiday scenario: the calendar must lower the error (a held-out week with a holiday, a market, Thanksgiving).
  const holidays = accuracy.find((a) => a.specialDays > 0);
  expect(holidays, "a scenario with special days").toBeDefined();
  expect(holidays!.mape).toBeLessThan(holidays!.withoutCalendar!);
  expect(accuracyTable(accuracy)).toMatch(/holidays and a street market\s+\d+\s+[\d.]+ %\s+[\d.]+ %\s+[\d.]+ %\s+beats baseline; calendar \(6 days\) helps/);
  expect(cases.filter((c) => c.path === "explain, model: invented holiday").length).toBe(accuracy.length);
});

it("the feedback analyst passes its eval: labelled accuracy over the thresholds, injections change nothing, bad model answers refused", async () => {
  const { cases, accuracy } = await evalFeedback();
  expect(accuracy.labelled).toBeGreaterThanOrEqual(100);
  expect(failures(cases).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  const table = evalTable(cases);
  expect(table).toMatch(/feedback\s+rules: injected\s+4\/4\s+100 %/);
  expect(table).toMatch(/feedback\s+model: hallucinated topic\s+(\d+)\/\1\s+100 %/);
  expect(table).toMatch(/feedback\s+rules: topics\s+\d+\/1\d\d/);
});

it("the beverage inventor passes its eval: never a missing or unstocked ingredient, priced at the margin, bad model answers refused", async () => {
  const cases = await evalInventor();
  expect(cases.length).toBeGreaterThanOrEqual(50);
  expect(failures(cases).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  const table = evalTable(cases);
  expect(table).toMatch(/inventor\s+rules\s+10\/10\s+100 %/);
  expect(table).toMatch(/inventor\s+model: hallucinated ingredient\s+(\d+)\/\1\s+100 %/);
});

it("the social-media agent passes its eval: the special by its rule, only the product's real price and our link reach a post", async () => {
  const cases = await evalSocial();
  expect(cases.length).toBeGreaterThanOrEqual(20);
  expect(failures(cases).map((c) => `${c.path} / ${c.scenario}: ${c.detail}`)).toEqual([]);
  const table = evalTable(cases);
  expect(table).toMatch(/social\s+rules: daily special\s+7\/7\s+100 %/);
  expect(table).toMatch(/social\s+write, model: invented price\s+2\/2\s+100 %/);
  expect(table).toMatch(/social\s+write, model: injected \(obeys a link in the data\)\s+2\/2\s+100 %/);
});
