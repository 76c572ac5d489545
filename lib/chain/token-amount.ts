import { formatUnits } from "viem";

/** Decimals of the tokens the platform holds (the native coin as ETH; aUSDC, aWETH: lent on Aave). */
const DECIMALS: Record<string, number> = { ETH: 18, WETH: 18, USDC: 6, USDT: 6, DAI: 18, aUSDC: 6, aWETH: 18 };

/**
 * Token base units for people reading a screen: grouped, at most `maxDecimals` decimals (cut, not
 * rounded: a holding is never shown larger than it is), trailing zeros dropped — "1,234.5 USDC".
 * Pure and browser-safe.
 */
export function formatTokenAmount(baseUnits: string | bigint, token: string, maxDecimals = 4): string {
  const value = BigInt(baseUnits);
  const sign = value < 0n ? "−" : "";
  const [whole, fraction = ""] = formatUnits(value < 0n ? -value : value, DECIMALS[token] ?? 18).split(".");
  const cut = fraction.slice(0, maxDecimals).replace(/0+$/, "");
  return `${sign}${BigInt(whole!).toLocaleString("en-US")}${cut ? `.${cut}` : ""} ${token}`;
}
