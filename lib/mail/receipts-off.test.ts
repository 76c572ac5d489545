import { describe, expect, it } from "vitest";
import { receiptsOffToken, receiptsOffUser } from "./receipts-off";

const SECRET = "a-test-secret-of-enough-length";
const ADA = "019aee00-0000-7000-8000-0000000000ad";
const BOB = "019aee00-0000-7000-8000-0000000000b0";

describe("the receipts-off link's token", () => {
  it("names the account it was made for, under the app's secret only", () => {
    const token = receiptsOffToken(ADA, SECRET);
    expect(receiptsOffUser(token, SECRET)).toBe(ADA);
    expect(receiptsOffUser(token, "another-secret-of-enough-length")).toBeNull();
  });

  it("cannot be moved to another account or altered", () => {
    const [, sig] = receiptsOffToken(ADA, SECRET).split(".");
    expect(receiptsOffUser(`${BOB}.${sig}`, SECRET)).toBeNull();
    const token = receiptsOffToken(ADA, SECRET);
    const flipped = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect(receiptsOffUser(flipped, SECRET)).toBeNull();
    expect(receiptsOffUser(`${token}.extra`, SECRET)).toBeNull();
  });

  it("refuses anything that is not a token", () => {
    for (const bad of [undefined, null, 42, "", ".", ADA, `${ADA}.`, `not-a-uuid.${receiptsOffToken(ADA, SECRET).split(".")[1]}`, "x".repeat(500)]) {
      expect(receiptsOffUser(bad, SECRET)).toBeNull();
    }
  });
});
