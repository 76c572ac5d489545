import type { Preset } from "@/lib/analytics/period";

/** What the dashboard shows: shops (slugs; empty = every shop in reach) and a period. */
export type Filters = { shops: string[]; range: Preset | null; from: string; to: string };

/** The query string the page URL and GET /api/dashboard share. */
export function toQueryString(f: Filters): string {
  const q = new URLSearchParams();
  if (f.shops.length > 0) q.set("shops", f.shops.join(","));
  if (f.range) q.set("range", f.range);
  else {
    q.set("from", f.from);
    q.set("to", f.to);
  }
  return q.toString();
}
