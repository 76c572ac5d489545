import { describe, expect, it } from "vitest";
import { HeadSignal, webSocketUrlOf } from "./new-heads";

describe("HeadSignal", () => {
  it("answers at once when the head already differs from the caller's", async () => {
    const s = new HeadSignal();
    s.seen(5n);
    await expect(s.next(4n, 60_000)).resolves.toBe(5n);
    await expect(s.next(null, 60_000)).resolves.toBe(5n);
  });

  it("wakes a waiter when a new head is seen, not when the same one is confirmed", async () => {
    const s = new HeadSignal();
    s.seen(5n);
    let woke: bigint | null = null;
    const waiting = s.next(5n, 60_000).then((h) => (woke = h));
    s.seen(5n);
    await new Promise((r) => setTimeout(r, 10));
    expect(woke).toBeNull();
    s.seen(6n);
    await waiting;
    expect(woke).toBe(6n);
  });

  it("takes a lower head as new (a restarted chain starts again at 0)", async () => {
    const s = new HeadSignal();
    s.seen(90n);
    const waiting = s.next(90n, 60_000);
    s.seen(1n);
    await expect(waiting).resolves.toBe(1n);
  });

  it("returns the unchanged head after the wait, and null before any source reported", async () => {
    const s = new HeadSignal();
    await expect(s.next(null, 5)).resolves.toBeNull();
    expect(s.confirmedAt).toBe(0);
    s.seen(3n);
    expect(s.confirmedAt).toBeGreaterThan(0);
    await expect(s.next(3n, 5)).resolves.toBe(3n);
  });

  it("lets every waiter go on close, and later waits do not wait", async () => {
    const s = new HeadSignal();
    s.seen(3n);
    const waiting = s.next(3n, 60_000);
    s.close();
    await expect(waiting).resolves.toBe(3n);
    await expect(s.next(3n, 60_000)).resolves.toBe(3n);
  });
});

describe("webSocketUrlOf", () => {
  it("keeps host, port and path, and the security of the scheme", () => {
    expect(webSocketUrlOf("http://127.0.0.1:8545")).toBe("ws://127.0.0.1:8545/");
    expect(webSocketUrlOf("https://rpc.example.org/v1/key")).toBe("wss://rpc.example.org/v1/key");
  });
});
