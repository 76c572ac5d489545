import { formatMoney } from "@/lib/ui/money";

export { formatMoney };

const integer = new Intl.NumberFormat("en-US");

export function formatCount(n: number): string {
  return integer.format(n);
}

/** "4:05" from 245 s; "1:02:03" past an hour; "—" for none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** "+12 %", "−3 %", "new" (nothing before), "±0 %". */
export function formatChange(change: number | null): string {
  if (change === null) return "new";
  const pct = Math.round(change * 100);
  if (pct === 0) return "±0 %";
  return `${pct > 0 ? "+" : "−"}${Math.abs(pct)} %`;
}

export const METRIC_LABELS: Record<string, string> = {
  "prep:ESPRESSO_BAR": "Espresso bar",
  "prep:BREW": "Brew bar",
  "prep:FOOD": "Food",
  claim: "Waiting at the counter",
};

export const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"] as const;

export const METHOD_LABELS = { PAY_AT_PICKUP: "Pay at pickup", CRYPTO: "Crypto" } as const;
