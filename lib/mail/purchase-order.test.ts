import { describe, expect, it } from "vitest";
import { purchaseOrderMail } from "./purchase-order";

const base = {
  to: "orders@bay-dairy.example",
  supplier: "Bay Dairy Co.",
  shopName: "Go Coffee SFO Terminal 2",
  shopAddress: "Terminal 2, San Francisco",
  reference: "019aee00-0000-7000-8000-0000000000ad",
  item: "whole milk",
  quantity: "24 L",
  packs: 2,
  packSize: "12 L",
  approvedAt: new Date("2026-12-04T17:30:00Z"),
  approvedBy: "Morgan Manager",
  deliverBy: new Date("2026-12-06T17:30:00Z"),
  timezone: "America/Los_Angeles",
};

describe("the purchase order mail", () => {
  it("says what, how many packs, where, by when (the shop's dates), who approved it, and a short reference", () => {
    const mail = purchaseOrderMail(base);
    expect(mail.to).toBe("orders@bay-dairy.example");
    expect(mail.subject).toBe("Purchase order 019AEE00 from Go Coffee SFO Terminal 2: 24 L whole milk");
    expect(mail.text).toContain("  24 L whole milk (2 × 12 L)");
    expect(mail.text).toContain("Deliver to: Go Coffee SFO Terminal 2, Terminal 2, San Francisco");
    expect(mail.text).toContain("Wanted by: December 6, 2026");
    expect(mail.text).toContain("Approved by Morgan Manager on December 4, 2026.");
  });

  it("escapes what comes from data in the HTML part", () => {
    const mail = purchaseOrderMail({ ...base, supplier: `<script>alert(1)</script>`, shopName: "Tom & Jerry's" });
    expect(mail.html).not.toContain("<script>");
    expect(mail.html).toContain("&#60;script&#62;");
    expect(mail.html).toContain("Tom &#38; Jerry");
  });
});
