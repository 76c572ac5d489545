import { describe, expect, it } from "vitest";
import { parsePickupQrPayload, pickupQrPayload } from "./pickup-code";

describe("pickup QR payload", () => {
  it("reads back what the tracking page writes", () => {
    expect(parsePickupQrPayload(pickupQrPayload("new-york-soho", "HX4PQ"))).toEqual({ shopSlug: "new-york-soho", code: "HX4PQ" });
  });

  it("reads the shop and the code", () => {
    expect(parsePickupQrPayload("gocoffee:pickup:sfo-terminal-2:K7P2Q")).toEqual({ shopSlug: "sfo-terminal-2", code: "K7P2Q" });
    expect(parsePickupQrPayload("  gocoffee:pickup:chicago-loop:ab-cd \n")).toEqual({ shopSlug: "chicago-loop", code: "ab-cd" });
  });

  it("refuses anything else", () => {
    for (const value of ["", "K7P2Q", "https://example.com", "gocoffee:pickup:sfo-terminal-2:", "gocoffee:order:sfo-terminal-2:K7P2Q", "gocoffee:pickup:SFO:K7P2Q"]) {
      expect(parsePickupQrPayload(value)).toBeNull();
    }
  });
});
