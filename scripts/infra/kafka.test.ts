import { describe, expect, it } from "vitest";
import { newClusterId } from "./kafka";

describe("newClusterId", () => {
  it("is Kafka's Uuid text form and never starts with '-' (kafka-storage would read it as an option)", () => {
    // 2,000 ids: if one in 64 could start with '-', this misses it with a chance of 1 in 10^13.
    const ids = Array.from({ length: 2000 }, newClusterId);
    for (const id of ids) {
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(Buffer.from(id, "base64url")).toHaveLength(16);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });
});
