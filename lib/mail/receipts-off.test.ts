import { describe, expect, it } from "vitest";
import { addressHash, guestReceiptsOffToken, receiptsOffSubject, receiptsOffToken } from "./receipts-off";

const SECRET = "a-test-secret-of-enough-length";
const ADA = "019aee00-0000-7000-8000-0000000000ad";
const BOB = "019aee00-0000-7000-8000-0000000000b0";
const ORDER = "019aee00-0000-7000-8000-00000000c0de";

describe("the receipts-off link's token", () => {
  it("names the account it was made for, under the app's secret only", () => {
    const token = receiptsOffToken(ADA, SECRET);
    expect(receiptsOffSubject(token, SECRET)).toEqual({ kind: "account", userId: ADA });
    expect(receiptsOffSubject(token, "another-secret-of-enough-length")).toBeNull();
  });

  it("names a guest's order in a guest's receipt, and cannot be turned into an account's token or back", () => {
    const token = guestReceiptsOffToken(ORDER, SECRET);
    expect(receiptsOffSubject(token, SECRET)).toEqual({ kind: "guest", orderId: ORDER });
    const [, guestSig] = token.split(".");
    const [, accountSig] = receiptsOffToken(ORDER, SECRET).split(".");
    // Each kind's signature covers its purpose: swapping them across kinds is refused.
    expect(receiptsOffSubject(`${ORDER}.${guestSig}`, SECRET)).toBeNull();
    expect(receiptsOffSubject(`o-${ORDER}.${accountSig}`, SECRET)).toBeNull();
    expect(receiptsOffSubject(`o-${BOB}.${guestSig}`, SECRET)).toBeNull();
  });

  it("cannot be moved to another account or altered", () => {
    const [, sig] = receiptsOffToken(ADA, SECRET).split(".");
    expect(receiptsOffSubject(`${BOB}.${sig}`, SECRET)).toBeNull();
    const token = receiptsOffToken(ADA, SECRET);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(receiptsOffSubject(flipped, SECRET)).toBeNull();
    expect(receiptsOffSubject(`${token}.extra`, SECRET)).toBeNull();
  });

  it("refuses anything that is not a token", () => {
    for (const bad of [undefined, null, 42, "", ".", ADA, `${ADA}.`, "o-.x", `o-not-a-uuid.${guestReceiptsOffToken(ORDER, SECRET).split(".")[1]}`, `not-a-uuid.${receiptsOffToken(ADA, SECRET).split(".")[1]}`, "x".repeat(500)]) {
      expect(receiptsOffSubject(bad, SECRET)).toBeNull();
    }
  });
});

describe("the guest opt-out list", () => {
  it("keeps one hash per address, whatever its case or spaces, and never the address", () => {
    expect(addressHash(" Guest@Example.TEST ")).toBe(addressHash("guest@example.test"));
    expect(addressHash("guest@example.test")).not.toBe(addressHash("guest2@example.test"));
    expect(addressHash("guest@example.test")).toMatch(/^[0-9a-f]{64}$/);
  });
});
