import { describe, expect, it, vi } from "vitest";
import { lastEventIdOf, sseResponse } from "./sse";

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

describe("sseResponse lifetime", () => {
  const read = async (response: Response) => {
    const reader = response.body!.getReader();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += new TextDecoder().decode(value);
    }
  };

  it("ends a stream after its maximum lifetime, and tells its owner once", async () => {
    vi.useFakeTimers();
    try {
      let ended = 0;
      let cleaned = 0;
      const response = sseResponse(new AbortController().signal, async (send) => (send({ event: "hello", data: 1 }), () => void cleaned++), { maxLifetimeMs: 1_000, onEnd: () => void ended++ });
      const body = read(response);
      await vi.advanceTimersByTimeAsync(1_001);
      expect(await body).toContain("event: hello");
      expect({ ended, cleaned }).toEqual({ ended: 1, cleaned: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it("ends a stream when the periodic access check says no", async () => {
    vi.useFakeTimers();
    try {
      let allowed = true;
      let ended = 0;
      const response = sseResponse(new AbortController().signal, async () => () => undefined, { recheckEveryMs: 60_000, stillAllowed: async () => allowed, onEnd: () => void ended++ });
      const body = read(response);
      await vi.advanceTimersByTimeAsync(60_001);
      expect(ended).toBe(0);
      allowed = false;
      await vi.advanceTimersByTimeAsync(60_001);
      await body;
      expect(ended).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("frees everything when the client goes away", async () => {
    const abort = new AbortController();
    let ended = 0;
    const response = sseResponse(abort.signal, async () => () => undefined, { maxLifetimeMs: 60_000, onEnd: () => void ended++ });
    const body = read(response);
    await new Promise((r) => setTimeout(r, 10));
    abort.abort();
    await body;
    expect(ended).toBe(1);
  });
});
