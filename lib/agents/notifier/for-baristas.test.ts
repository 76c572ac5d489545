import { expect, it } from "vitest";
import { forBaristas, mailReader } from "./notifications";

it("rings the bar for an ingredient out, a rush and a tasting, and leaves purchase orders, ratings and the rest to the managers", () => {
  expect(["out:4f1c", "out:many", "busy:2026-12-05T08:00", "tasting:9a0e", "tasting-soon:9a0e"].map(forBaristas)).toEqual([true, true, true, true, true]);
  expect(["po:4f1c", "bad-run:slow", "transfer:x", "", "outage"].map(forBaristas)).toEqual([false, false, false, false, false]);
});

it("mails managers their alerts, an owner the alert about their task, baristas only the tasting reminder", () => {
  expect(mailReader("po:4f1c", "MANAGER", false)).toBe("manager");
  expect(mailReader("po:4f1c", "ADMIN", false)).toBe("manager");
  expect(mailReader("overdue:7b2a", "BARISTA", true)).toBe("owner");
  expect(mailReader("overdue:7b2a", "MANAGER", true)).toBe("owner");
  expect(mailReader("tasting-soon:9a0e", "BARISTA", false)).toBe("taster");
  expect(mailReader("tasting-soon:9a0e", "MANAGER", false)).toBe("manager");
  expect(["out:4f1c", "busy:2026-12-05T08:00", "tasting:9a0e"].map((s) => mailReader(s, "BARISTA", false))).toEqual([null, null, null]);
});
