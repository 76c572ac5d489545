import { describe, expect, it } from "vitest";
import { maximiseProfit } from "./optimize";

describe("maximiseProfit", () => {
  it("finds the peak of a concave curve to the requested precision with few probes", async () => {
    // z = A x / (B + C x) - x, the composite of two constant-product pools: peak at (sqrt(AB) - B) / C.
    const A = 1.02, B = 1e12, C = 1.0;
    const f = async (x: bigint) => BigInt(Math.floor((A * Number(x) * B) / (B + C * Number(x)) - Number(x)));
    const expected = (Math.sqrt(A * B * B) - B) / C;
    const r = await maximiseProfit(f, { minSize: 1_000n, maxSize: 10n ** 13n, precision: 1_000n });
    expect(Math.abs(Number(r.size) - expected) / expected).toBeLessThan(0.01);
    expect(r.probes).toBeLessThan(60);
  });

  it("keeps the smallest size when every size loses", async () => {
    const r = await maximiseProfit(async (x) => -x, { minSize: 5n, maxSize: 1000n });
    expect(r.size).toBe(5n);
    expect(r.profit).toBe(-5n);
  });
});
