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
 * The text as it is posted to X: unchanged when it fits; otherwise its words cut at the last
 * whole word that fits, "…" after them, and its links (every one, in order) on the line after,
 * so the menu link always survives. Trailing spaces and punctuation before the cut go.
 */
export function fitForX(text: string, max = X_MAX_WEIGHT): string {
  const trimmed = text.trim();
  if (xLength(trimmed) <= max) return trimmed;
  const links = [...new Set(trimmed.match(URL) ?? [])];
  const tail = links.length > 0 ? `\n${links.join(" ")}` : "";
  // Links alone too long (not a post of ours): as many as fit.
  if (xLength(tail) + plainWeight(ELLIPSIS) > max) return links.filter((_, i) => xLength(links.slice(0, i + 1).join(" ")) <= max).join(" ");
  const words = trimmed.replace(URL, "").replace(/[ \t]+/g, " ").replace(/ *\n */g, "\n").trim();
  const budget = max - xLength(tail) - plainWeight(ELLIPSIS);
  let cut = "";
  let weight = 0;
  for (const ch of words) {
    const w = weightOf(ch.codePointAt(0)!);
    if (weight + w > budget) break;
    cut += ch;
    weight += w;
  }
  // Back to the last whole word, unless that would throw away most of the text (one very long word).
  const boundary = cut.length < words.length && !/\s/.test(words[cut.length]!) ? cut.search(/\s\S*$/) : cut.length;
  if (boundary > cut.length / 2) cut = cut.slice(0, boundary);
  cut = cut.replace(/[\s.,;:!?\-–—]+$/u, "");
  return `${cut}${ELLIPSIS}${tail}`;
}
