import type { IngredientState } from "../inventory/cover";
import { ingredient } from "../inventory/scenarios";
import type { Sender, Site } from "./transfer";

/**
 * Coordinator scenarios shared by the unit tests and `npm run agents:eval`: a short shop, its
 * possible senders, and the transfer a correct plan holds (sender and quantity after pack
 * rounding), or none. Oat milk by default: 1 L a day, lead time 2 days, packs of 6 L.
 */

const site = (slug: string, city: string, region: string, n: number): Site => ({ shopId: `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`, slug, name: `Go Coffee ${slug[0]!.toUpperCase()}${slug.slice(1)}`, city, region, country: "US" });

export const SITES = {
  mission: site("mission", "San Francisco", "CA", 1),
  soma: site("soma", "San Francisco", "CA", 2),
  oakland: site("oakland", "Oakland", "CA", 3),
  soho: site("soho", "New York", "NY", 4),
} as const;

const oat = (over: Partial<IngredientState> = {}) => ingredient({ slug: "oat-milk", ...over });
const sender = (s: Site, over: Partial<IngredientState>, promised = 0): Sender => ({ site: s, state: oat(over), promised });

export type CoordinatorScenario = { name: string; to: Site; receiver: IngredientState; senders: Sender[]; expect: { from: keyof typeof SITES; quantity: number } | null };

export const COORDINATOR_SCENARIOS: CoordinatorScenario[] = [
  {
    // 1.5 days < 2 days' lead. Need 1 L × (2 + 1) − 1.5 L = 1.5 L → one 6 L pack. SoMa keeps 1 L × (2 + 1 + 2) = 5 L, spares 15 L.
    name: "short, a shop across town has plenty: one pack from it",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.soma, { onHand: 20_000 })],
    expect: { from: "soma", quantity: 6_000 },
  },
  {
    // SoMa keeps 5 L of its 10 L: 5 L spare is less than a pack.
    name: "the neighbour would fall below its own safety cover: no transfer",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.soma, { onHand: 10_000 })],
    expect: null,
  },
  {
    name: "across town arrives sooner than across the region: SoMa, not Oakland",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.oakland, { onHand: 60_000 }), sender(SITES.soma, { onHand: 20_000 })],
    expect: { from: "soma", quantity: 6_000 },
  },
  {
    name: "only a shop in another state has plenty: not nearby, no transfer",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.soho, { onHand: 100_000 })],
    expect: null,
  },
  {
    // Whole milk comes in a day: a transfer from Oakland (a day) would not arrive sooner.
    name: "a transfer would not beat the supplier's lead time: no transfer",
    to: SITES.mission,
    receiver: oat({ onHand: 500, supplier: { name: "Hudson Valley Dairy", leadTimeDays: 1, packSize: 4_000, orderDays: 7 } }),
    senders: [sender(SITES.oakland, { onHand: 60_000, supplier: { name: "Hudson Valley Dairy", leadTimeDays: 1, packSize: 4_000, orderDays: 7 } })],
    expect: null,
  },
  {
    // Out, 6 L a day: need 18 L. SoMa (1 L a day) keeps 5 L of 17 L: 12 L spare, two packs; the purchase order covers the rest.
    name: "out with a big shortage: a partial transfer in whole packs",
    to: SITES.mission,
    receiver: oat({ onHand: 0, used: 14 * 6_000 }),
    senders: [sender(SITES.soma, { onHand: 17_000 })],
    expect: { from: "soma", quantity: 12_000 },
  },
  {
    // SoMa already promised 12 L of its 20 L to someone else: 3 L spare. Oakland has plenty.
    name: "stock a neighbour already promised is not spare: the next neighbour sends",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.soma, { onHand: 20_000 }, 12_000), sender(SITES.oakland, { onHand: 60_000 })],
    expect: { from: "oakland", quantity: 6_000 },
  },
  {
    name: "a transfer already on its way covers it: not short",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500, incoming: 6_000 }),
    senders: [sender(SITES.soma, { onHand: 20_000 })],
    expect: null,
  },
  {
    // No use recorded at SoMa, but its manager's reorder level (15 L) is kept.
    name: "the neighbour's reorder level is kept even without use",
    to: SITES.mission,
    receiver: oat({ onHand: 1_500 }),
    senders: [sender(SITES.soma, { onHand: 20_000, used: 0, reorderLevel: 15_000 })],
    expect: null,
  },
  {
    // A new shop: no use yet, nothing in stock; its reorder level (6 L) is what it needs.
    name: "a new shop with nothing: its reorder level from a neighbour",
    to: SITES.mission,
    receiver: oat({ onHand: 0, used: 0, reorderLevel: 6_000 }),
    senders: [sender(SITES.soma, { onHand: 60_000, used: 0, reorderLevel: 6_000 })],
    expect: { from: "soma", quantity: 6_000 },
  },
];
