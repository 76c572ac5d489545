/** "$4.95" from 495 cents. Display only: amounts stay integers everywhere else. */
export function formatMoney(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** "+$0.70" for a price delta; "" for none. */
export function formatDelta(cents: number, currency = "USD"): string {
  if (cents === 0) return "";
  return `${cents > 0 ? "+" : "−"}${formatMoney(Math.abs(cents), currency)}`;
}
