/**
 * A tasting's verdict (pure): it passes when the mean score is at least 3.5 over at least 3
 * scores, or over however many there are when a manager closes it; it fails when a manager closes
 * it below that (or with no score). Until then it stays open and scores can change. Compared in
 * integers: sum × 2 ≥ 7 × count.
 */

export const MIN_SCORES = 3;
export const PASS_MEAN_TENTHS = 35;

export type Verdict = "OPEN" | "PASSED" | "FAILED";

export function meanScore(scores: readonly number[]): number | null {
  return scores.length === 0 ? null : scores.reduce((a, b) => a + b, 0) / scores.length;
}

export function passes(scores: readonly number[]): boolean {
  return scores.length > 0 && scores.reduce((a, b) => a + b, 0) * 10 >= PASS_MEAN_TENTHS * scores.length;
}

/** After a score (closing = false) or when a manager closes it (closing = true). */
export function tastingVerdict(scores: readonly number[], closing: boolean): Verdict {
  if (closing) return passes(scores) ? "PASSED" : "FAILED";
  return scores.length >= MIN_SCORES && passes(scores) ? "PASSED" : "OPEN";
}

/** Category, station and image for a drink on the menu, from what it is made of, and the catalog drink it is modelled on (its sizes and extras: ./options.ts). */
export function menuPlacement(slugs: readonly string[]): { category: string; station: "ESPRESSO_BAR" | "BREW"; imageUrl: string; template: string } {
  const has = (s: string) => slugs.includes(s);
  const like = (template: string, category: string, station: "ESPRESSO_BAR" | "BREW") => ({ category, station, imageUrl: `/menu/${template}.svg`, template });
  if (has("matcha-powder")) return like("matcha-latte", "tea-and-more", "ESPRESSO_BAR");
  if (has("chai-concentrate")) return like("chai-latte", "tea-and-more", "ESPRESSO_BAR");
  if (has("cold-brew-concentrate") && !has("espresso-beans")) return like("cold-brew", "brewed-coffee", "BREW");
  return like(has("chocolate-sauce") ? "mocha" : "caffe-latte", "espresso-bar", "ESPRESSO_BAR");
}

/** "Winter Hazelnut Mocha" → "winter-hazelnut-mocha". */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
