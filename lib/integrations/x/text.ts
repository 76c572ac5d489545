/**
 * X's 280-character limit (pure). X counts a post's length by weight (twitter-text v3): a link
 * counts 23 whatever its length (it becomes a t.co link), Latin and common punctuation 1 per
 * character, everything else 2 (CJK, emoji, and "…" itself). Emoji sequences are counted per
 * code point here, which only overcounts: a text this says fits, fits.
 */

export const X_MAX_WEIGHT = 280;
/** The weight of any link X recognises (https://docs.x.com/resources/fundamentals/counting-characters). */
const LINK_WEIGHT = 23;
const ELLIPSIS = "…";
const URL = /https?:\/\/[^\s]+/g;

/** twitter-text's ranges of weight 1; any other code point weighs 2. */
function weightOf(codePoint: number): number {
  return codePoint <= 4351 || (codePoint >= 8192 && codePoint <= 8205) || (codePoint >= 8208 && codePoint <= 8223) || (codePoint >= 8242 && codePoint <= 8247) ? 1 : 2;
}

/** A link X shortens (its host has a dot) weighs 23; one it does not recognise (http://localhost:3000/…) counts as text. */
function linkWeight(url: string): number {
  return /^https?:\/\/[^/\s]*\.[^/\s]/.test(url) ? LINK_WEIGHT : plainWeight(url);
}

function plainWeight(text: string): number {
  let weight = 0;
  for (const ch of text) weight += weightOf(ch.codePointAt(0)!);
  return weight;
}

/** A text's length as X counts it. */
export function xLength(text: string): number {
  let weight = 0;
  let last = 0;
  for (const m of text.matchAll(URL)) {
    weight += plainWeight(text.slice(last, m.index)) + linkWeight(m[0]);
    last = m.index + m[0].length;
  }
  return weight + plainWeight(text.slice(last));
}

/**
 * The text as it is posted to X: unchanged when it fits; otherwise its words in order up to the
 * last whole word that fits, then "…". Links are never cut: one before the cut stays where it is,
 * one after it goes on a line of its own at the end, so the menu link always survives. Trailing
 * spaces and punctuation before the "…" go. A single word too long to end on is cut inside.
 */
export function fitForX(text: string, max = X_MAX_WEIGHT): string {
  const trimmed = text.trim();
  if (xLength(trimmed) <= max) return trimmed;
  const hasLink = (word: string) => /https?:\/\//.test(word);
  // Words at even indexes, the whitespace between them at odd ones.
  const parts = trimmed.split(/(\s+)/);
  const linksFrom = (i: number) => parts.filter((w, j) => j >= i && j % 2 === 0 && hasLink(w));
  const allLinks = linksFrom(0);
  // Links alone too long (not a post of ours): as many as fit.
  if (xLength(allLinks.join(" ")) + plainWeight(ELLIPSIS) > max) return allLinks.filter((_, i) => xLength(allLinks.slice(0, i + 1).join(" ")) <= max).join(" ");
  const tailOf = (links: string[]) => (links.length > 0 ? `\n${links.join(" ")}` : "");
  let kept = "";
  let i = 0;
  for (; i < parts.length; i += 2) {
    const word = parts[i]!;
    const next = kept + (i > 0 ? parts[i - 1]! : "") + word;
    // A link is kept in place (its weight was reserved); a word only if the rest still fits.
    if (hasLink(word) || xLength(next + ELLIPSIS + tailOf(linksFrom(i + 1))) <= max) kept = next;
    else break;
  }
  const tail = tailOf(linksFrom(i + 1));
  // One very long word: cut inside it rather than post almost nothing.
  if (i < parts.length && xLength(kept) < (max - xLength(tail)) / 2) {
    for (const ch of (i > 0 ? parts[i - 1]! : "") + parts[i]!) {
      if (xLength(kept + ch + ELLIPSIS + tail) > max) break;
      kept += ch;
    }
  }
  kept = kept.replace(/[\s.,;:!?\-–—]+$/u, "");
  const afterLink = hasLink(kept.split(/\s/).pop() ?? "");
  return `${kept}${afterLink ? " " : ""}${ELLIPSIS}${tail}`;
}
