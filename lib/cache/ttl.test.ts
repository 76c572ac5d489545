import { describe, expect, it } from "vitest";
import { cachedFor } from "./ttl";

describe("cachedFor", () => {
  it("loads once for concurrent callers and again after the ttl", async () => {
    let clock = 1_000; // lru-cache reads a start time of 0 as "no ttl"
    {
      let loads = 0;
      const get = cachedFor(1_000, async (key) => ({ key, n: ++loads }), { now: () => clock });
      const [a, b] = await Promise.all([get("x"), get("x")]);
      expect(a).toBe(b);
      expect(loads).toBe(1);
      expect((await get("y")).n).toBe(2);
      clock += 1_001;
      expect((await get("x")).n).toBe(3);
    }
  });

  it("does not remember a failure", async () => {
    let fail = true;
    const get = cachedFor(60_000, async () => {
      if (fail) throw new Error("rpc down");
      return { ok: true };
    });
    await expect(get("k")).rejects.toThrow("rpc down");
    fail = false;
    expect(await get("k")).toEqual({ ok: true });
  });
});
