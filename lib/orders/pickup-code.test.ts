import { describe, expect, it } from "vitest";
import {
  PICKUP_CODE_ALPHABET,
  PICKUP_CODE_LENGTH,
  generatePickupCode,
  isPickupCode,
  normalizePickupCode,
} from "./pickup-code";

/** A deterministic source that cycles through the given indexes. */
function sequence(...indexes: number[]) {
  let i = 0;
  return (max: number) => {
    const value = indexes[i++ % indexes.length] ?? 0;
    return value % max;
  };
}

describe("PICKUP_CODE_ALPHABET", () => {
  it("has 32 unique upper-case symbols without look-alikes", () => {
    expect(PICKUP_CODE_ALPHABET).toHaveLength(32);
    expect(new Set(PICKUP_CODE_ALPHABET).size).toBe(32);
    expect(PICKUP_CODE_ALPHABET).toMatch(/^[A-Z2-9]+$/);
    for (const ambiguous of ["0", "O", "1", "I"]) expect(PICKUP_CODE_ALPHABET).not.toContain(ambiguous);
  });
});

describe("generatePickupCode", () => {
  it("maps the random source onto the alphabet", () => {
    expect(generatePickupCode(sequence(0, 1, 2, 30, 31))).toBe("ABC89");
    expect(generatePickupCode(sequence(31), 4)).toBe("9999");
  });

  it("has the default length and honours 4–6", () => {
    const random = (max: number) => Math.floor(Math.random() * max);
    expect(generatePickupCode(random)).toHaveLength(PICKUP_CODE_LENGTH);
    for (const length of [4, 5, 6]) {
      const code = generatePickupCode(random, length);
      expect(code).toHaveLength(length);
      expect(isPickupCode(code)).toBe(true);
    }
    expect(() => generatePickupCode(random, 3)).toThrow(RangeError);
    expect(() => generatePickupCode(random, 7)).toThrow(RangeError);
  });

  it("rejects a random source that returns out-of-range values", () => {
    expect(() => generatePickupCode(() => 32)).toThrow(/random source/);
    expect(() => generatePickupCode(() => -1)).toThrow(/random source/);
    expect(() => generatePickupCode(() => 0.5)).toThrow(/random source/);
  });
});

describe("normalizePickupCode", () => {
  it("accepts what a barista types and rejects what cannot be a code", () => {
    expect(normalizePickupCode(" ab-c9z ")).toBe("ABC9Z");
    expect(normalizePickupCode("ab c9")).toBe("ABC9");
    expect(normalizePickupCode("AB0C9")).toBeNull();
    expect(normalizePickupCode("ABI")).toBeNull();
    expect(normalizePickupCode("ABCDEFG")).toBeNull();
  });
});
