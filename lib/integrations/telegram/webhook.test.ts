import { describe, expect, it } from "vitest";
import { slowDownMessage } from "./limits";
import { secretMatches } from "./webhook";

describe("secretMatches", () => {
  it("accepts only the exact secret", () => {
    expect(secretMatches("a-secret-of-32-characters-000000", "a-secret-of-32-characters-000000")).toBe(true);
    for (const given of [null, "", "a-secret-of-32-characters-00000", "a-secret-of-32-characters-0000000", "A-SECRET-OF-32-CHARACTERS-000000"]) expect(secretMatches("a-secret-of-32-characters-000000", given)).toBe(false);
  });
});

describe("slowDownMessage", () => {
  it("says how long to wait, politely", () => {
    expect(slowDownMessage(12_400, "messages")).toBe("You are faster than our espresso machine! Please wait 13 seconds and send that again.");
    expect(slowDownMessage(60_000, "orders")).toBe("That is a lot of orders in a minute! Please wait a minute before placing another one.");
  });
});
