import { memoByKey } from "@/lib/memo";

const currencyFormat = memoByKey((currency) => new Intl.NumberFormat("en-US", { style: "currency", currency }));

/** "$4.95" from 495 cents. Display only: amounts stay integers everywhere else. */
export function formatMoney(cents: number, currency = "USD"): string {
  return currencyFormat(currency).format(cents / 100);
}

/** "+$0.70" for a price delta; "" for none. */
export function formatDelta(cents: number, currency = "USD"): string {
  if (cents === 0) return "";
  return `${cents > 0 ? "+" : "−"}${formatMoney(Math.abs(cents), currency)}`;
}

/**
 * Cents from what a person typed as a price ("4.5", "$4.75", "12"), without floating point; null
 * when it is not a plain amount with at most two decimals.
 */
export function parseCents(text: string): number | null {
  const match = /^\$?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0"));
}

/** Signed cents for a price difference ("0.70", "-0.50", "−$1"); null when not such an amount. */
export function parseSignedCents(text: string): number | null {
  const trimmed = text.trim();
  const negative = trimmed.startsWith("-") || trimmed.startsWith("−");
  const cents = parseCents(trimmed.replace(/^[+\-−]\s*/, ""));
  return cents === null ? null : negative ? -cents : cents;
}

/** Basis points from a percentage typed with at most two decimals ("8.88", "8.88%", "10"); null otherwise. */
export function parsePercentBps(text: string): number | null {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/\s*%$/, ""));
  return match ? Number(match[1]) * 100 + Number((match[2] ?? "0").padEnd(2, "0")) : null;
}
