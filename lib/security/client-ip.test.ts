import { describe, expect, it } from "vitest";
import { clientAddress, PEER_HEADER } from "./client-ip";
import { tooManyAttemptsMessage } from "./rate-limit";

describe("clientAddress", () => {
  it("with no proxy in front, ignores X-Forwarded-For and takes the socket's peer", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6", [PEER_HEADER]: "203.0.113.7" }, 0)).toBe("203.0.113.7");
    expect(clientAddress(new Headers({ [PEER_HEADER]: "::ffff:127.0.0.1" }), 0)).toBe("127.0.0.1");
  });

  it("believes as many X-Forwarded-For entries as there are trusted proxies, from the right", () => {
    const headers = { "x-forwarded-for": "6.6.6.6, 198.51.100.2, 10.0.0.5", [PEER_HEADER]: "10.0.0.9" };
    expect(clientAddress(headers, 1)).toBe("10.0.0.5");
    expect(clientAddress(headers, 2)).toBe("198.51.100.2");
    // A chain shorter than the hops: the leftmost entry is the best anyone knows.
    expect(clientAddress({ "x-forwarded-for": "198.51.100.2", [PEER_HEADER]: "10.0.0.9" }, 5)).toBe("198.51.100.2");
  });

  it("is null when the request did not come through the server (no peer stamp)", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6" }, 1)).toBeNull();
    expect(clientAddress({}, 0)).toBeNull();
    expect(clientAddress(undefined, 0)).toBeNull();
  });
});

describe("tooManyAttemptsMessage", () => {
  it("rounds up to whole minutes", () => {
    expect(tooManyAttemptsMessage(14 * 60_000 + 1)).toBe("Too many attempts. Try again in 15 minutes.");
    expect(tooManyAttemptsMessage(5_000)).toBe("Too many attempts. Try again in 1 minute.");
    expect(tooManyAttemptsMessage(0)).toBe("Too many attempts. Try again in 1 minute.");
  });
});
