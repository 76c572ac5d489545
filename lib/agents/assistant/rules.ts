import { ALLERGEN_NAMES, ALLERGENS, canBeMade, defaultTags, describeAllergens, type Allergen, type DietaryWish } from "@/lib/catalog/dietary";
import type { MenuProduct, ShopMenu } from "@/lib/catalog/types";
import { describeOpeningState, formatClock, localTime, openingState } from "@/lib/shops/hours";

/**
 * The customer assistant's deterministic path: retrieval over one shop's menu (product names and
 * descriptions matched word by word), its allergen and diet labels (from recipes,
 * lib/catalog/dietary.ts), its opening hours and the asker's own orders. Every product and price
 * in an answer comes from that data; nothing is made up, and the question is only ever matched
 * against, never followed. Pure: the caller loads the data.
 */

export type AssistantOrder = { pickupCode: string; status: string; shopName: string; placedAt: Date };
export type AssistantFacts = { menu: ShopMenu; orders: readonly AssistantOrder[]; now: Date };
export type AssistantAnswer = { answer: string; products: string[] };

export const RULES_NOTE = "(Answered from our menu data by keyword matching: no AI model is configured.)";
export const FALLBACK_NOTE = "(Answered from our menu data by keyword matching: the AI model's answer did not match our menu.)";

const STOP = new Set(["a", "an", "the", "is", "are", "do", "does", "you", "your", "have", "in", "of", "with", "what", "which", "how", "much", "i", "it", "can", "get", "my", "me", "there", "any", "and", "or", "to", "for", "on", "cost", "price", "contain", "contains", "please", "coffee"]);
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const STATUS_WORDS: Record<string, string> = {
  PENDING_PAYMENT: "waiting for its payment",
  PLACED: "placed, about to be queued",
  QUEUED: "in the queue",
  PREPARING: "being prepared",
  READY: "ready at the counter",
  CLAIMED: "collected",
  CANCELLED: "cancelled",
  REFUNDED: "refunded",
};

const ALLERGEN_WORDS: Record<string, Allergen> = { milk: "MILK", dairy: "MILK", lactose: "MILK", egg: "EGG", eggs: "EGG", gluten: "GLUTEN", wheat: "GLUTEN", nut: "NUTS", nuts: "NUTS", peanut: "PEANUTS", peanuts: "PEANUTS", soy: "SOY", soya: "SOY", sesame: "SESAME" };

export const words = (text: string) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").split(/[^a-z0-9]+/).filter(Boolean);

export function money(cents: number, currency: string): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

/** Products whose name (or, weaker, description) shares words with the question; best first. */
export function retrieve(menu: ShopMenu, question: string, limit = 3): MenuProduct[] {
  const asked = new Set(words(question).filter((w) => !STOP.has(w)));
  const stem = (w: string) => w.replace(/(es|s)$/, "");
  const askedStems = new Set([...asked].map(stem));
  const scored = menu.categories
    .flatMap((c) => c.products)
    .map((p) => {
      const nameHits = words(p.name).filter((w) => !STOP.has(w) && askedStems.has(stem(w))).length;
      const descHits = words(p.description).filter((w) => !STOP.has(w) && w.length > 3 && askedStems.has(stem(w))).length;
      return { p, score: nameHits * 3 + Math.min(descHits, 2), nameHits };
    })
    .filter((s) => s.nameHits > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.p);
}

/** Prices a product can have as ordered: base, and base plus each single option's delta. */
export function pricesOf(product: MenuProduct): number[] {
  return [product.priceCents, ...product.optionGroups.flatMap((g) => g.options.map((o) => product.priceCents + o.priceDeltaCents))];
}

function hoursAnswer(facts: AssistantFacts): string {
  const { shop } = facts.menu;
  const state = openingState(shop.hours, shop.timezone, facts.now);
  const days = WEEKDAYS.map((day, weekday) => {
    const spans = shop.hours.filter((h) => h.weekday === weekday).map((h) => `${formatClock(h.opensMinute)}–${formatClock(h.closesMinute % 1440)}`);
    return `${day} ${spans.length ? spans.join(", ") : "closed"}`;
  });
  return `${shop.name}: ${describeOpeningState(state, localTime(facts.now, shop.timezone).weekday)} (local time). Hours: ${days.join("; ")}.`;
}

function ordersAnswer(facts: AssistantFacts): string {
  if (facts.orders.length === 0) return "I have no order from this chat yet. Send /menu to order.";
  return facts.orders
    .slice(0, 3)
    .map((o) => `Order ${o.pickupCode} at ${o.shopName} is ${STATUS_WORDS[o.status] ?? o.status.toLowerCase()}.`)
    .join("\n");
}

function productLine(p: MenuProduct, currency: string): string {
  const allergens = describeAllergens(defaultTags(p).allergens);
  const choices = p.optionGroups
    .filter((g) => g.maxSelect === 1)
    .map((g) => `${g.name.toLowerCase()}: ${g.options.filter((o) => o.available).map((o) => (o.priceDeltaCents ? `${o.name} +${money(o.priceDeltaCents, currency)}` : o.name)).join(", ")}`);
  return `${p.name}: ${money(p.priceCents, currency)}${p.available ? "" : ` (not available now${p.unavailableReason ? `: ${p.unavailableReason}` : ""})`}. ${allergens ? `${allergens} as it comes` : "No declared allergens as it comes"}${choices.length ? `; ${choices.join("; ")}` : ""}.`;
}

function optionAllergens(p: MenuProduct): string[] {
  return p.optionGroups.flatMap((g) => g.options.filter((o) => o.dietary.allergens.length > 0).map((o) => `${o.name}: ${o.dietary.allergens.map((a) => ALLERGEN_NAMES[a]).join(", ")}`));
}

function dietAnswer(facts: AssistantFacts, wish: DietaryWish, label: string): AssistantAnswer {
  const fitting = facts.menu.categories.flatMap((c) => c.products).filter((p) => p.available && canBeMade(p, wish));
  if (fitting.length === 0) return { answer: `Nothing on ${facts.menu.shop.name}'s menu can be made ${label} right now.`, products: [] };
  const shown = fitting.slice(0, 8);
  return { answer: `At ${facts.menu.shop.name} these can be made ${label} (choose the options that fit): ${shown.map((p) => `${p.name} (${money(p.priceCents, facts.menu.shop.currency)})`).join(", ")}${fitting.length > shown.length ? `, and ${fitting.length - shown.length} more` : ""}.`, products: shown.map((p) => p.slug) };
}

export function rulesAnswer(facts: AssistantFacts, question: string): AssistantAnswer {
  const w = words(question);
  const has = (...xs: string[]) => xs.some((x) => w.includes(x));
  const currency = facts.menu.shop.currency;
  if (has("where", "status") && has("order", "orders") || (has("my") && has("order", "orders"))) return { answer: ordersAnswer(facts), products: [] };
  if (has("open", "opens", "close", "closes", "closing", "opening", "hours")) return { answer: hoursAnswer(facts), products: [] };

  const products = retrieve(facts.menu, question);
  const allergen = w.map((x) => ALLERGEN_WORDS[x]).find((a): a is Allergen => a !== undefined);
  const allergenQuestion = has("allergen", "allergens", "allergy", "allergic", "ingredients", "free", "contain", "contains") || allergen !== undefined;
  if (products.length > 0) {
    const lines = products.map((p) => {
      const extra = allergenQuestion ? optionAllergens(p) : [];
      return `${productLine(p, currency)}${extra.length ? ` Options that add allergens: ${extra.join("; ")}.` : ""}`;
    });
    return { answer: lines.join("\n"), products: products.map((p) => p.slug) };
  }
  if (has("vegan")) return dietAnswer(facts, { flag: "VEGAN" }, "vegan");
  if (has("vegetarian")) return dietAnswer(facts, { flag: "VEGETARIAN" }, "vegetarian");
  if (allergen && allergenQuestion) return dietAnswer(facts, { allergen }, `without ${ALLERGEN_NAMES[allergen]}`);
  const GREETINGS = new Set(["hello", "hi", "hey", "help", "thanks", "thank", "morning", "afternoon", "evening", "good"]);
  if (w.length > 0 && w.every((x) => GREETINGS.has(x) || STOP.has(x) || /^\d+$/.test(x))) {
    return { answer: `Hello! I am the ${facts.menu.shop.name} assistant. Ask me about our drinks and food, allergens, vegan options, opening hours or where your order is. Send /menu to order.`, products: [] };
  }
  // "What do you sell?" lists the menu; "Do you sell unicorn frappuccino?" names something it lacks.
  const MENU_WORDS = new Set(["menu", "sell", "serve", "drinks", "food", "eat", "drink", "options", "offer", "today", "there"]);
  const named = w.filter((x) => !STOP.has(x) && !MENU_WORDS.has(x) && x.length > 3);
  if (named.length === 0 && has(...MENU_WORDS)) {
    return { answer: `${facts.menu.shop.name} serves: ${facts.menu.categories.map((c) => `${c.name} (${c.products.map((p) => p.name).join(", ")})`).join("; ")}. Ask me about any of them, or send /menu to order.`, products: [] };
  }
  // Asked about something by name that is not on the menu: say so rather than guess.
  return {
    answer: `I could not find that on ${facts.menu.shop.name}'s menu${named.length ? ` ("${named.slice(0, 4).join(" ")}")` : ""}. I can tell you about our drinks and food, their allergens (${ALLERGENS.map((a) => ALLERGEN_NAMES[a]).join(", ")}), vegan options, opening hours, and where your order is. Send /menu to order.`,
    products: [],
  };
}
