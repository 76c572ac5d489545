import { describe, expect, it } from "vitest";
import { lastEventIdOf } from "./sse";

const request = (header?: string) => new Request("http://localhost/stream", { headers: header === undefined ? {} : { "last-event-id": header } });

describe("lastEventIdOf", () => {
  it("is null on a first connect, so version 0 is still sent", () => {
    expect(lastEventIdOf(request())).toBeNull();
    expect(lastEventIdOf(request(""))).toBeNull();
  });

  it("reads a reconnect's id, and ignores one that is not a non-negative integer", () => {
    expect(lastEventIdOf(request("0"))).toBe(0);
    expect(lastEventIdOf(request(" 42 "))).toBe(42);
    expect(lastEventIdOf(request("abc"))).toBeNull();
    expect(lastEventIdOf(request("-1"))).toBeNull();
  });
});
