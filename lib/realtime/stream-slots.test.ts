import { describe, expect, it } from "vitest";
import { StreamSlots } from "./stream-slots";

const caps = { perClient: 2, perIp: 3, perInstance: 5 };

describe("stream slots", () => {
  it("caps one device, then its network, then the instance, and frees slots on release", () => {
    const slots = new StreamSlots(caps);
    const a = { device: "a".repeat(22), ip: "198.51.100.1" };
    const first = slots.acquire(a);
    expect(slots.acquire(a).ok).toBe(true);
    expect(slots.acquire(a)).toMatchObject({ ok: false, reason: expect.stringMatching(/Too many live connections from this device/) });
    // Another device behind the same address: one more fits under the address cap of 3.
    const b = { device: "b".repeat(22), ip: "198.51.100.1" };
    expect(slots.acquire(b).ok).toBe(true);
    expect(slots.acquire(b).ok).toBe(false);
    if (!first.ok) throw new Error("the first stream should have had a slot");
    first.release();
    first.release(); // releasing twice frees one slot only
    expect(slots.open).toBe(2);
    expect(slots.acquire(b).ok).toBe(true);
    expect(slots.acquire({ device: null, ip: "203.0.113.5" }).ok).toBe(true);
    expect(slots.acquire({ device: null, ip: "203.0.113.6" }).ok).toBe(true);
    expect(slots.acquire({ device: null, ip: "203.0.113.7" })).toMatchObject({ ok: false, reason: expect.stringMatching(/too many live connections right now/) });
  });

  it("counts a client without our cookie by its address with the per-client cap", () => {
    const slots = new StreamSlots(caps);
    const script = { device: null, ip: "203.0.113.9" };
    expect(slots.acquire(script).ok).toBe(true);
    expect(slots.acquire(script).ok).toBe(true);
    expect(slots.acquire(script).ok).toBe(false);
  });
});
