import { describe, expect, it } from "vitest";
import { parsePickupPayload } from "./pickup-payload";

describe("parsePickupPayload", () => {
  it("reads the shop and the code", () => {
    expect(parsePickupPayload("gocoffee:pickup:sfo-terminal-2:K7P2Q")).toEqual({ shopSlug: "sfo-terminal-2", code: "K7P2Q" });
    expect(parsePickupPayload("  gocoffee:pickup:chicago-loop:ab-cd \n")).toEqual({ shopSlug: "chicago-loop", code: "ab-cd" });
  });

  it("refuses anything else", () => {
    for (const value of ["", "K7P2Q", "https://example.com", "gocoffee:pickup:sfo-terminal-2:", "gocoffee:order:sfo-terminal-2:K7P2Q", "gocoffee:pickup:SFO:K7P2Q"]) {
      expect(parsePickupPayload(value)).toBeNull();
    }
  });
});
