/**
 * The feedback analyst's rules path: a deterministic keyword lexicon that tags a rating's
 * sentiment and topics. Pure. The comment is only ever matched against word lists: no text in it
 * can change what the rules do.
 */

export const FEEDBACK_TOPICS = ["taste", "temperature", "wait", "staff", "price", "cleanliness"] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];
export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export type Tags = { sentiment: Sentiment; topics: FeedbackTopic[] };
export type RatingText = { stars: number; comment: string | null };

/** Product names that contain topic words ("cold brew" is not about temperature). */
const PRODUCT_NAMES = /\b(cold brew|hot chocolate|iced (?:latte|coffee|tea|americano|mocha)|flat white|espresso tonic)\b/g;

const TOPIC_PATTERNS: Record<FeedbackTopic, RegExp> = {
  taste: /\b(tast\w*|flavou?r\w*|bitter\w*|sour|burnt(?! my)|burned(?! my)|watery|bland|delicious|yummy|tasty|smooth|creamy|acidic|too sweet|sweet enough|sugary|stale|weak|strong|aroma|aftertaste|foam|froth\w*|curdled|perfectly (?:pulled|balanced|made)|best (?:coffee|latte|espresso|cappuccino|flat white|mocha|cortado)|disgusting|undrinkable)\b/,
  temperature: /\b(cold|colder|hot|hotter|lukewarm|luke warm|tepid|warm|scald\w*|burn(?:t|ed) my (?:tongue|mouth|lip)|temperature|room temp\w*|freezing|steaming|iced enough|ice melted)\b/,
  wait: /\b(wait\w*|slow\w*|quick\w*|fast\w*|forever|ages|queue\w*|line|minutes?|mins?|took (?:so )?long|delay\w*|late|speedy|prompt\w*|on time|ready (?:when|before|as soon)|in no time|hour|took an?|efficient)\b/,
  staff: /\b(staff|barista\w*|cashier|employee\w*|server|team|rude\w*|friendly|unfriendly|polite|impolite|helpful|unhelpful|smil\w*|service|welcom\w*|attitude|ignored|manager|greeted|kind|grumpy|guy|girl|lady|crew|people working)\b/,
  price: /\b(price\w*|pricey|expensive|overpriced|cheap\w*|value|worth|cost\w*|dollars?|bucks|rip[- ]?off|afford\w*|\$\d+|charged|money|bargain|pay(?:ing)? (?:that|this|so) much)\b/,
  cleanliness: /\b(clean\w*|dirty|dirt|sticky|mess\w*|filthy|spotless|tidy|untidy|trash|bins?|bathroom|restroom|toilet|hygien\w*|hair in|dust\w*|crumbs|grimy|grime|gross|smell\w*|stain\w*|wiped|spill\w*)\b/,
};

const POSITIVE = new Set(
  "good great love loved lovely amazing excellent perfect perfectly delicious friendly fast quick quickly nice best awesome fantastic tasty smooth spotless helpful polite wonderful fresh worth reasonable bargain yummy creamy kind speedy efficient welcoming smiled smiling clean tidy enjoyed happy prompt promptly fine recommend superb brilliant cheerful rich pleasant beautiful solid right".split(" "),
);
const NEGATIVE = new Set(
  "bad terrible awful lukewarm tepid rude slow dirty burnt bitter watery overpriced expensive wrong worst disappointing disappointed sticky gross bland weak sour late horrible meh mediocre ignored mess messy filthy stale forever ages disgusting undrinkable unfriendly unhelpful grumpy cold pricey rip-off ripoff scalding scalded curdled smelled smelly waited annoying impolite sloppy poor useless unacceptable grimy missing forgot forgotten spilled overcooked ridiculous".split(" "),
);
const NEGATORS = new Set(["not", "no", "never", "hardly", "barely", "isnt", "wasnt", "werent", "dont", "didnt", "doesnt", "aint", "nothing", "without"]);

/** Star ratings carry most of the sentiment; the words move it (sarcasm over 1 star stays negative). */
const STAR_BIAS: Record<number, number> = { 1: -4, 2: -2, 3: 0, 4: 2, 5: 3 };

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/n't\b/g, "nt")
    .replace(/[’']/g, "")
    .split(/[^a-z0-9$-]+/)
    .filter(Boolean);
}

/** Sum of word polarities, a word after a negator ("not", "wasn't", … within 3 words) counting the other way. */
export function textPolarity(text: string): number {
  const ws = words(text);
  let score = 0;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    if (w === "never" && ws[i + 1] === "again") {
      score -= 2;
      continue;
    }
    const polarity = POSITIVE.has(w) ? 1 : NEGATIVE.has(w) ? -1 : 0;
    if (polarity === 0) continue;
    const negated = ws.slice(Math.max(0, i - 3), i).some((p) => NEGATORS.has(p));
    score += negated ? -polarity : polarity;
  }
  return score;
}

/**
 * Sentences that speak to the machine rather than about the visit ("ignore your instructions",
 * "respond with…", "SYSTEM:") are dropped before tagging: their words are not the customer's
 * experience, and a topic named in them must not be tagged.
 */
const ADDRESSED_TO_MACHINE = /\b(ignore (?:all |your |the )?(?:previous |prior )?instructions?|respond with|system\s*:|assistant\s*:|you are now|mark this (?:as|review)|admin mode|prompt|<\/?\w+>)/i;

export function withoutInstructions(comment: string): string {
  return comment
    .split(/(?<=[.!?\n—])/)
    .filter((sentence) => !ADDRESSED_TO_MACHINE.test(sentence))
    .join(" ");
}

export function topicsOf(comment: string): FeedbackTopic[] {
  const text = withoutInstructions(comment).toLowerCase().replace(/[’']/g, "'").replace(PRODUCT_NAMES, " ");
  return FEEDBACK_TOPICS.filter((t) => TOPIC_PATTERNS[t].test(text));
}

export function sentimentOf({ stars, comment }: RatingText): Sentiment {
  const score = (STAR_BIAS[stars] ?? 0) + (comment ? Math.max(-3, Math.min(3, textPolarity(withoutInstructions(comment)))) : 0);
  if (score >= 2) return "positive";
  if (score <= -2) return "negative";
  return "neutral";
}

export function tagByRules(rating: RatingText): Tags {
  return { sentiment: sentimentOf(rating), topics: rating.comment ? topicsOf(rating.comment) : [] };
}
