/** A model's price per million tokens, in micro-USD (1 USD = 1,000,000), from configuration. */
export type TokenPrices = { inputPerMTok: number; outputPerMTok: number };

/**
 * The estimated cost of a model call in micro-USD, rounded to the nearest micro-USD; null when the
 * price is unknown or the call reported no tokens. Integers only: tokens × price stays below 2^53
 * for any realistic run (a million tokens at $1,000 per million is 10^15).
 */
export function costMicroUsd(prices: TokenPrices | null, inputTokens: number | null, outputTokens: number | null): number | null {
  if (!prices || inputTokens === null || outputTokens === null) return null;
  const scaled = inputTokens * prices.inputPerMTok + outputTokens * prices.outputPerMTok;
  return Math.floor((scaled + 500_000) / 1_000_000);
}

/** "$0.0042" below a cent (four decimals, so small runs do not all read $0.00), "$1.25" above; "—" unknown. */
export function formatMicroUsd(micro: number | null): string {
  if (micro === null) return "—";
  const decimals = micro < 10_000 ? 4 : 2;
  const unit = 10 ** (6 - decimals);
  const rounded = Math.round(micro / unit);
  const whole = Math.floor(rounded / 10 ** decimals);
  const fraction = String(rounded % 10 ** decimals).padStart(decimals, "0");
  return `$${whole.toLocaleString("en-US")}.${fraction}`;
}
