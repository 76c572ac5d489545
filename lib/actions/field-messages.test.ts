import { describe, expect, it } from "vitest";
import { fieldMessages } from "./field-messages";

describe("a form's field messages from a refused action", () => {
  it("keys each message by its field (the path's first segment), the first per field winning", () => {
    expect(fieldMessages({ code: "invalid", message: "x", issues: [{ path: "hours.3.opens", message: "Use a time like 07:30." }, { path: "hours.4.closes", message: "later" }, { path: "packSize", message: "A pack holds at least 1." }] })).toEqual({
      hours: "Use a time like 07:30.",
      packSize: "A pack holds at least 1.",
    });
    expect(fieldMessages({ code: "conflict", message: "x" })).toEqual({});
  });
});
