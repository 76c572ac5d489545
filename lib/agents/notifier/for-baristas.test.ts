import { expect, it } from "vitest";
import { forBaristas } from "./notifications";

it("rings the bar for an ingredient out, a rush and a tasting, and leaves purchase orders, ratings and the rest to the managers", () => {
  expect(["out:4f1c", "out:many", "busy:2026-12-05T08:00", "tasting:9a0e", "tasting-soon:9a0e"].map(forBaristas)).toEqual([true, true, true, true, true]);
  expect(["po:4f1c", "bad-run:slow", "transfer:x", "", "outage"].map(forBaristas)).toEqual([false, false, false, false, false]);
});
