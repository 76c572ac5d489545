import { describe, expect, it } from "vitest";
import { formatTokenAmount } from "./token-amount";

describe("formatTokenAmount", () => {
  it("groups, cuts to four decimals without rounding up, drops trailing zeros", () => {
    expect(formatTokenAmount("1234500000", "USDC")).toBe("1,234.5 USDC");
    expect(formatTokenAmount(10_000n * 10n ** 18n, "ETH")).toBe("10,000 ETH");
    expect(formatTokenAmount("199999999999999999", "WETH")).toBe("0.1999 WETH");
    expect(formatTokenAmount("-5000000000000000000", "WETH")).toBe("−5 WETH");
    expect(formatTokenAmount("0", "USDT")).toBe("0 USDT");
  });
});
