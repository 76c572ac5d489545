import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";
import { tooManyAttemptsMessage } from "./rate-limit";

describe("clientIp", () => {
  it("takes the address the nearest proxy saw (rightmost x-forwarded-for entry)", () => {
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" })).toBe("203.0.113.7");
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
    expect(clientIp({ "x-real-ip": "198.51.100.2" })).toBe("198.51.100.2");
  });

  it("is null when nothing is known", () => {
    expect(clientIp({})).toBeNull();
    expect(clientIp(undefined)).toBeNull();
    expect(clientIp({ "x-forwarded-for": " , " })).toBeNull();
  });
});

describe("tooManyAttemptsMessage", () => {
  it("rounds up to whole minutes", () => {
    expect(tooManyAttemptsMessage(14 * 60_000 + 1)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttemptsMessage(5_000)).toBe("Too many attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(0)).toBe("Too many attempts. Try again in 1 minute.");
  });
});
