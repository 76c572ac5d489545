import { CHAINS, type TokenConfig } from "@/lib/chain/config";
import type { OrderStatus, Station } from "@/lib/db/generated/enums.ts";
import { paymentFact } from "@/lib/analytics/payments";
import { quote } from "@/lib/payments/pricing";
import { WATCHER_ACTOR } from "@/lib/payments/apply";
import { RELEASE_ACTOR } from "@/lib/orders/schedule/release";
import { LOCAL_PRICES } from "@/scripts/chain/local-contracts";
import { localDate, utcOffsetMs } from "@/lib/analytics/time";
import { generatePickupCode } from "@/lib/orders/pickup-code";
import { BEANS_PER_ORDER, EARNED } from "@/lib/loyalty/rules";
import { priceLine, totalsFor } from "@/lib/orders/pricing";
import { withTip, type TipChoice } from "@/lib/orders/tips";
import type { DemoRole } from "./accounts";
import { DEMO_ACCOUNTS } from "./accounts";
import type { SeedTx } from "./db";
import { Rng, uuidv7 } from "./random";
import { SHOPS, expectedOrdersPerDay, type ShopDef } from "./shops";

/**
 * Past orders: what a month of trade looks like, for dashboards, reports and the customer's order
 * history. Generated only for a shop that has no orders yet, and bulk-inserted. Every random choice comes from a PRNG seeded by shop and local date, so the same
 * `now` always yields the same orders (ids aside). History is the past: no outbox rows.
 *
 * About one order in eight (and a third of the demo customer's) was paid in crypto on the local
 * chain: placed PENDING_PAYMENT, its invoice settled (fast lane: released when seen), then the
 * usual queue. Such an invoice carries its paid amounts but no on-chain payment rows: anvil keeps
 * no blocks across restarts, and the payment watcher undoes payments whose blocks are gone (as it
 * must for real ones), which would empty the history's crypto figures at the next start. Its
 * dashboard contribution (analytics_payment_*) is written here with the analytics module's own
 * arithmetic, since no event will announce it.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

// ------------------------------------------------------------------ demand model

/** Relative popularity of products (per item slot); anything not listed weighs 1. */
const POPULARITY: Record<string, number> = {
  "caffe-latte": 14,
  "house-drip": 9,
  cappuccino: 8,
  americano: 8,
  "flat-white": 6,
  "butter-croissant": 6,
  "cold-brew": 5,
  "chai-latte": 5,
  "matcha-latte": 5,
  mocha: 4,
  cortado: 4,
  "pain-au-chocolat": 4,
  "egg-cheddar-brioche": 4,
  espresso: 3,
  "blueberry-muffin": 3,
  "banana-bread": 3,
  "everything-bagel": 3,
  "pour-over": 2,
  "english-breakfast-tea": 2,
  "hot-chocolate": 2,
  "avocado-toast": 2,
  "yogurt-parfait": 2,
};

/** How often each option is chosen (for single-choice groups, includes the "none" share as `""`). */
const OPTION_POPULARITY: Record<string, Record<string, number>> = {
  size: { small: 25, medium: 50, large: 25 },
  milk: { whole: 48, oat: 28, almond: 12, skim: 12 },
  "extra-shots": { "": 82, one: 14, two: 4 },
  temperature: { hot: 72, iced: 28 },
};
const SYRUP_COUNT = [
  [0, 74],
  [1, 23],
  [2, 3],
] as const;
const SYRUP_POPULARITY: Record<string, number> = { vanilla: 45, caramel: 35, hazelnut: 20 };

/** Share of orders paid in crypto, and the tokens they were paid in. */
const CRYPTO_SHARE = 0.12;
const CRYPTO_SHARE_DEMO_CUSTOMER = 0.3;
const TOKEN_POPULARITY: Record<string, number> = { USDC: 55, USDT: 25, ETH: 20 };
/** The chain the history's crypto orders were paid on: the local one, whose router the demo deploys. */
const HISTORY_CHAIN = CHAINS[31337]!;

const ITEM_COUNT = [
  [1, 52],
  [2, 30],
  [3, 12],
  [4, 6],
] as const;

const FIRST_NAMES = [
  "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas", "Mia", "Mateo",
  "Amelia", "Ethan", "Harper", "Leo", "Evelyn", "Jack", "Abigail", "Daniel", "Emily", "Henry", "Ella", "Sebastian",
  "Aria", "Owen", "Chloe", "Samuel", "Grace", "Wyatt", "Zoe", "Julian", "Nora", "Levi", "Layla", "Hudson",
  "Riley", "Ezra", "Lily", "David", "Hannah", "Joseph", "Priya", "Wei", "Aisha", "Diego", "Yuki", "Omar",
  "Fatima", "Marcus", "Sofia", "Kenji", "Maya", "Andre", "Leila", "Ravi", "Camila", "Tom", "Nina", "Sam",
];

const DRINK_NOTES = ["Extra hot please", "No foam", "Extra foam", "Half sweet", "Light ice", "Room for milk", "Name on the cup please"];
const ORDER_NOTES = ["In a bit of a rush, thanks!", "Picking up for my team", "Can I get a carrier tray?", "Birthday treat!"];

type ShopKind = "city" | "airport";

const gauss = (m: number, center: number, sigma: number) => Math.exp(-0.5 * ((m - center) / sigma) ** 2);

/** Relative order rate at a local minute of the day. */
function demand(kind: ShopKind, weekend: boolean, m: number): number {
  if (kind === "airport") {
    const daytime = m >= 300 && m < 1320 ? 0.35 : 0.06;
    return daytime + 1.6 * gauss(m, 390, 80) + 1.0 * gauss(m, 720, 110) + 0.8 * gauss(m, 1050, 120);
  }
  if (weekend) return 0.3 + 1.6 * gauss(m, 600, 95) + 0.8 * gauss(m, 780, 60);
  return 0.3 + 2.4 * gauss(m, 495, 65) + 0.9 * gauss(m, 750, 45) + 0.45 * gauss(m, 915, 50);
}

/** Baristas on shift at a local hour. */
function staffAt(kind: ShopKind, weekend: boolean, hour: number): number {
  if (kind === "airport") return hour >= 22 || hour < 5 ? 1 : hour < 10 ? 3 : 2;
  if (weekend) return hour >= 9 && hour < 14 ? 3 : 2;
  return hour >= 7 && hour < 10 ? 3 : hour >= 11 && hour < 14 ? 3 : 2;
}

// ------------------------------------------------------------------ time zones

/** The instant of a local wall-clock time; minuteOfDay may pass 1440 (the next day). */
export function zonedToUtc(timeZone: string, y: number, mo: number, d: number, minuteOfDay: number, second = 0): number {
  const wall = Date.UTC(y, mo - 1, d, 0, minuteOfDay, second);
  const first = wall - utcOffsetMs(timeZone, wall);
  return wall - utcOffsetMs(timeZone, first);
}

// ------------------------------------------------------------------ menu as loaded from the database

type MenuOption = { id: string; slug: string; name: string; priceDeltaCents: number };
type MenuGroup = { slug: string; name: string; minSelect: number; maxSelect: number; options: MenuOption[] };
type MenuProduct = {
  id: string;
  slug: string;
  name: string;
  station: Station;
  prepSeconds: number;
  basePriceCents: number;
  priceOverrideCents: number | null;
  category: string;
  groups: MenuGroup[];
};

async function loadMenu(db: SeedTx, shopId: string): Promise<MenuProduct[]> {
  const rows = await db.shopProduct.findMany({
    where: { shopId, available: true, product: { active: true } },
    select: {
      priceOverrideCents: true,
      product: {
        select: {
          id: true,
          slug: true,
          name: true,
          station: true,
          prepSeconds: true,
          basePriceCents: true,
          sortOrder: true,
          category: { select: { slug: true } },
          optionGroups: {
            select: {
              sortOrder: true,
              optionGroup: {
                select: {
                  slug: true,
                  name: true,
                  minSelect: true,
                  maxSelect: true,
                  options: { where: { active: true }, select: { id: true, slug: true, name: true, priceDeltaCents: true, sortOrder: true } },
                },
              },
            },
          },
        },
      },
    },
  });
  // Ids are random, so order everything by stable keys: the PRNG must see the same lists every run.
  const bySortThenSlug = <T extends { sortOrder: number; slug: string }>(a: T, b: T) => a.sortOrder - b.sortOrder || a.slug.localeCompare(b.slug);
  return rows
    .map((r) => ({ ...r.product, priceOverrideCents: r.priceOverrideCents }))
    .sort(bySortThenSlug)
    .map((p) => ({
      id: p.id,
      slug: p.slug,
      name: p.name,
      station: p.station,
      prepSeconds: p.prepSeconds,
      basePriceCents: p.basePriceCents,
      priceOverrideCents: p.priceOverrideCents,
      category: p.category.slug,
      groups: p.optionGroups
        .map((g) => ({ sortOrder: g.sortOrder, ...g.optionGroup }))
        .sort(bySortThenSlug)
        .map((g) => ({
          slug: g.slug,
          name: g.name,
          minSelect: g.minSelect,
          maxSelect: g.maxSelect,
          options: [...g.options].sort(bySortThenSlug).map((o) => ({ id: o.id, slug: o.slug, name: o.name, priceDeltaCents: o.priceDeltaCents })),
        })),
    }));
}

// ------------------------------------------------------------------ generated rows

type OptionSnapshot = { group: string; groupName: string; option: string; optionName: string; priceDeltaCents: number };

type ItemRow = {
  id: string;
  order_id: string;
  product_id: string;
  product_name: string;
  station: Station;
  quantity: number;
  unit_price_cents: number;
  line_total_cents: number;
  options: OptionSnapshot[];
  notes: string | null;
  status: "PENDING" | "DONE";
  done_at: string | null;
};

type OrderRow = {
  id: string;
  shop_id: string;
  user_id: string | null;
  customer_name: string;
  status: OrderStatus;
  payment_method: "PAY_AT_PICKUP" | "CRYPTO";
  pickup_code: string;
  subtotal_cents: number;
  tax_cents: number;
  tip_cents: number;
  total_cents: number;
  currency: string;
  notes: string | null;
  cancel_reason: string | null;
  eta_at: string | null;
  pickup_at: string | null;
  fire_at: string | null;
  version: number;
  placed_at: string;
  queued_at: string | null;
  started_at: string | null;
  ready_at: string | null;
  claimed_at: string | null;
  cancelled_at: string | null;
  updated_at: string;
};

type HistoryRow = { id: string; order_id: string; from_status: OrderStatus | null; to_status: OrderStatus; reason: string | null; actor: string | null; created_at: string };

type InvoiceRow = {
  id: string;
  order_id: string;
  shop_id: string;
  reference: string;
  chain_id: number;
  token: string;
  token_address: string | null;
  decimals: number;
  router_address: string;
  pay_to: string;
  amount_cents: number;
  currency: string;
  amount: string;
  rate: string;
  rate_decimals: number;
  rate_source: string;
  rate_updated_at: string;
  required_confirmations: number;
  fast_lane: boolean;
  expires_at: string;
  released_at: string;
  settled_at: string;
  created_at: string;
};

type Rows = { orders: OrderRow[]; items: ItemRow[]; history: HistoryRow[]; invoices: InvoiceRow[] };

type ShopContext = {
  shop: ShopDef;
  shopId: string;
  currency: string;
  taxRateBps: number;
  /** Where crypto payments went (null: the shop takes none), and its payment settings. */
  wallet: string | null;
  requiredConfirmations: number;
  fastLaneMaxCents: number;
  kind: ShopKind;
  menu: MenuProduct[];
  staff: { barista: string; manager: string };
  customer: { id: string; name: string };
  windowStart: number;
  windowEnd: number;
};

type ItemPick = { product: MenuProduct; quantity: number; options: MenuOption[][]; notes: string | null };

function chooseOptions(rng: Rng, product: MenuProduct, afternoon: boolean): MenuOption[][] {
  return product.groups.map((g) => {
    if (g.slug === "syrups") {
      const count = Math.min(g.maxSelect, rng.weighted(SYRUP_COUNT, ([, w]) => w)[0]);
      const chosen: MenuOption[] = [];
      while (chosen.length < count && chosen.length < g.options.length) {
        const o = rng.weighted(g.options.filter((x) => !chosen.includes(x)), (x) => SYRUP_POPULARITY[x.slug] ?? 10);
        chosen.push(o);
      }
      return chosen.sort((a, b) => g.options.indexOf(a) - g.options.indexOf(b));
    }
    const weights = OPTION_POPULARITY[g.slug];
    if (weights) {
      const icedBoost = g.slug === "temperature" && afternoon ? 15 : 0;
      const choices: (MenuOption | null)[] = g.minSelect > 0 ? g.options : [null, ...g.options];
      const choice = rng.weighted(choices, (o) => (o ? (weights[o.slug] ?? 5) + (o.slug === "iced" ? icedBoost : 0) : (weights[""] ?? 50)));
      return choice ? [choice] : [];
    }
    // A group the seed does not know: its first option when required, otherwise nothing.
    return g.minSelect > 0 && g.options[0] ? [g.options[0]] : [];
  });
}

function pickItems(rng: Rng, menu: MenuProduct[], localMinute: number): ItemPick[] {
  const drinks = menu.filter((p) => p.station !== "FOOD");
  const food = menu.filter((p) => p.station === "FOOD");
  const morning = localMinute < 630;
  const afternoon = localMinute >= 720;
  const weightOf = (p: MenuProduct) => {
    const w = POPULARITY[p.slug] ?? 1;
    if (p.category === "breakfast") return localMinute < 630 ? w * 1.6 : localMinute > 690 ? w * 0.4 : w;
    if (p.slug === "cold-brew" && afternoon) return w * 1.6;
    return w;
  };
  const count = rng.weighted(ITEM_COUNT, ([, w]) => w)[0];
  const picks: ItemPick[] = [];
  for (let i = 0; i < count; i++) {
    const hasFood = picks.some((p) => p.product.station === "FOOD");
    const wantFood = i === 0 ? rng.chance(0.12) : !hasFood ? rng.chance(morning ? 0.65 : 0.5) : rng.chance(0.2);
    const pool = wantFood && food.length > 0 ? food : drinks.length > 0 ? drinks : food;
    if (pool.length === 0) break;
    const product = rng.weighted(pool, weightOf);
    const same = picks.find((p) => p.product === product && product.groups.length === 0);
    if (same) {
      same.quantity += 1;
      continue;
    }
    const quantity = rng.weighted([1, 2, 3], (q) => (q === 1 ? 92 : q === 2 ? 7 : 1));
    const options = chooseOptions(rng, product, afternoon);
    const notes = product.station !== "FOOD" && rng.chance(0.03) ? rng.pick(DRINK_NOTES) : null;
    picks.push({ product, quantity, options, notes });
  }
  return picks;
}

/** The demo customer's usual: a large oat latte, sometimes a flat white, often with a croissant. */
function usualOrder(rng: Rng, menu: MenuProduct[]): ItemPick[] {
  const find = (slug: string) => menu.find((p) => p.slug === slug);
  const drink = rng.chance(0.7) ? find("caffe-latte") : find("flat-white");
  if (!drink) return [];
  const options = drink.groups.map((g) => {
    const want = g.slug === "size" ? "large" : g.slug === "milk" ? "oat" : g.slug === "temperature" ? "hot" : null;
    const o = g.options.find((x) => x.slug === want);
    return o ? [o] : g.minSelect > 0 && g.options[0] ? [g.options[0]] : [];
  });
  const picks: ItemPick[] = [{ product: drink, quantity: 1, options, notes: null }];
  const croissant = find("butter-croissant");
  if (croissant && rng.chance(0.35)) picks.push({ product: croissant, quantity: 1, options: [], notes: null });
  return picks;
}

/** A crypto payment: the token, and seconds from placing to the quote, from it to the payment mined, and on to settled. */
type CryptoPay = { token: TokenConfig; quoteAfter: number; minedAfter: number; settledAfter: number };

type Draft = {
  placedAt: number;
  localMinute: number;
  customer: boolean;
  picks: ItemPick[];
  cancel: null | { reason: string; stage: "QUEUED" | "READY" };
  crypto: CryptoPay | null;
};

/** Whether a draft was paid in crypto, and how; from its own PRNG, so the other draws stay as they were. */
function chooseCrypto(rng: Rng, ctx: ShopContext, draft: Draft): CryptoPay | null {
  const share = draft.customer ? CRYPTO_SHARE_DEMO_CUSTOMER : CRYPTO_SHARE;
  const paid = rng.chance(share);
  // Crypto needs the shop's wallet and USD prices; cancelled orders are left to pay at pickup (a
  // cancelled paid order would be the manager's refund to send).
  if (!paid || !ctx.wallet || ctx.currency !== "USD" || draft.cancel) return null;
  const token = rng.weighted(HISTORY_CHAIN.tokens, (t) => TOKEN_POPULARITY[t.symbol] ?? 0);
  return { token, quoteAfter: rng.between(5, 25), minedAfter: rng.between(12, 60), settledAfter: rng.between(4, 20) };
}

function chooseCancellation(rng: Rng, picks: ItemPick[]): Draft["cancel"] {
  if (!rng.chance(0.03)) return null;
  const oat = picks.some((p) => p.options.some((os) => os.some((o) => o.slug === "oat")));
  const food = picks.find((p) => p.product.station === "FOOD");
  const reasons: { reason: string; stage: "QUEUED" | "READY"; weight: number }[] = [
    { reason: "Customer changed their mind", stage: "QUEUED", weight: 45 },
    { reason: "Not picked up", stage: "READY", weight: 20 },
  ];
  if (oat) reasons.push({ reason: "Out of oat milk", stage: "QUEUED", weight: 60 });
  if (food) reasons.push({ reason: `${food.product.name} sold out`, stage: "QUEUED", weight: 25 });
  const r = rng.weighted(reasons, (x) => x.weight);
  return { reason: r.reason, stage: r.stage };
}

/** One local day of one shop: orders placed at plausible minutes, then run through a barista queue. */
function generateDay(ctx: ShopContext, y: number, mo: number, d: number, rows: Rows): void {
  const { shop } = ctx;
  const rng = new Rng(`history:${shop.slug}:${y}-${mo}-${d}`);
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const intervals = shop.hours.filter((i) => i.weekday === weekday);
  if (intervals.length === 0 || ctx.menu.length === 0) return;

  // Cumulative demand over the open minutes of the day.
  const minutes: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const i of intervals) {
    for (let m = i.opensMinute; m < i.closesMinute; m++) {
      // Few orders in the first minutes after opening and none in the last ten before closing.
      const ramp = i.closesMinute - i.opensMinute >= 1440 ? 1 : Math.min(1, (m - i.opensMinute + 1) / 15) * (i.closesMinute - m > 10 ? 1 : 0);
      total += demand(ctx.kind, weekend, m % 1440) * ramp;
      minutes.push(m);
      cumulative.push(total);
    }
  }
  const count = Math.round(expectedOrdersPerDay(shop, weekday) * (0.88 + rng.next() * 0.24));
  const sampleMinute = () => {
    const target = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return minutes[lo] ?? 0;
  };

  const drafts: Draft[] = [];
  for (let n = 0; n < count; n++) {
    const localMinute = sampleMinute();
    const placedAt = zonedToUtc(shop.timezone, y, mo, d, localMinute, rng.int(60)) + rng.int(1000);
    const picks = pickItems(rng, ctx.menu, localMinute % 1440);
    if (picks.length === 0) continue;
    drafts.push({ placedAt, localMinute, customer: false, picks, cancel: chooseCancellation(rng, picks), crypto: null });
  }
  drafts.sort((a, b) => a.placedAt - b.placedAt);

  // The demo customer is a regular at SoHo on weekdays, an occasional visitor elsewhere.
  const customerChance = shop.slug === "new-york-soho" ? (weekend ? 0.25 : 0.8) : 0.12;
  if (rng.chance(customerChance)) {
    const morning = drafts.filter((x) => x.localMinute >= 450 && x.localMinute < 570);
    const candidates = morning.length > 0 ? morning : drafts;
    if (candidates.length > 0) {
      const chosen = rng.pick(candidates);
      const usual = usualOrder(rng, ctx.menu);
      if (usual.length > 0) {
        chosen.customer = true;
        chosen.picks = usual;
        chosen.cancel = null;
      }
    }
  }

  const payRng = new Rng(`payments:${shop.slug}:${y}-${mo}-${d}`);
  for (const draft of drafts) draft.crypto = chooseCrypto(payRng, ctx, draft);

  // Barista queue: k baristas take orders first come, first served.
  let free: number[] = [];
  let staffHour = -1;
  for (const draft of drafts) {
    const orderId = uuidv7(draft.placedAt);
    // A crypto order joins the queue once its payment releases it.
    const pay = draft.crypto;
    const quotedAt = pay ? draft.placedAt + pay.quoteAfter * 1000 : null;
    const minedAt = pay && quotedAt !== null ? quotedAt + pay.minedAfter * 1000 : null;
    const settledAt = pay && minedAt !== null ? minedAt + pay.settledAfter * 1000 : null;
    const hour = Math.floor((draft.localMinute % 1440) / 60);
    if (hour !== staffHour) {
      const k = staffAt(ctx.kind, weekend, hour);
      free = free.length >= k ? [...free].sort((a, b) => a - b).slice(0, k) : [...free, ...Array<number>(k - free.length).fill(0)];
      staffHour = hour;
    }

    const lines = draft.picks.map((p) => {
      const priced = priceLine({
        basePriceCents: p.product.basePriceCents,
        priceOverrideCents: p.product.priceOverrideCents,
        optionDeltasCents: p.options.flat().map((o) => o.priceDeltaCents),
        quantity: p.quantity,
      });
      const options: OptionSnapshot[] = p.product.groups.flatMap((g, gi) =>
        (p.options[gi] ?? []).map((o) => ({ group: g.slug, groupName: g.name, option: o.slug, optionName: o.name, priceDeltaCents: o.priceDeltaCents })),
      );
      return { pick: p, priced, options };
    });
    const totals = withTip(
      totalsFor(
        lines.map((l) => l.priced.lineTotalCents),
        ctx.taxRateBps,
      ),
      historyTip(orderId),
    );
    const fastLane = totals.totalCents < ctx.fastLaneMaxCents;
    const releasedAt = minedAt !== null && settledAt !== null ? (fastLane ? minedAt : settledAt) : null;
    const queuedAt = (releasedAt ?? draft.placedAt) + 400 + rng.int(2600);

    const actorStaff = rng.chance(0.85) ? ctx.staff.barista : ctx.staff.manager;
    const placer = draft.customer ? ctx.customer.id : null;
    const events: { from: OrderStatus | null; to: OrderStatus; at: number; actor: string | null; reason: string | null }[] =
      releasedAt === null
        ? [{ from: null, to: "PLACED", at: draft.placedAt, actor: placer, reason: null }]
        : [
            { from: null, to: "PENDING_PAYMENT", at: draft.placedAt, actor: placer, reason: null },
            { from: "PENDING_PAYMENT", to: "PLACED", at: releasedAt, actor: WATCHER_ACTOR, reason: fastLane ? "Payment seen (fast lane)" : "Payment settled" },
          ];
    events.push({ from: "PLACED", to: "QUEUED", at: queuedAt, actor: placer, reason: null });
    let startedAt: number | null = null;
    let readyAt: number | null = null;
    let claimedAt: number | null = null;
    let cancelledAt: number | null = null;
    let etaAt: number;
    const itemDone: number[] = [];

    if (draft.cancel?.stage === "QUEUED") {
      cancelledAt = queuedAt + (30 + rng.int(210)) * 1000;
      etaAt = queuedAt + (rng.between(3, 8) * 60 + rng.int(60)) * 1000;
      const actor = draft.cancel.reason === "Customer changed their mind" && placer ? placer : actorStaff;
      events.push({ from: "QUEUED", to: "CANCELLED", at: cancelledAt, actor, reason: draft.cancel.reason });
    } else {
      // Earliest free barista.
      let slot = 0;
      for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[slot] ?? 0)) slot = i;
      startedAt = Math.max(queuedAt + 5_000 + rng.int(20_000), (free[slot] ?? 0) + 3_000 + rng.int(12_000));
      const factor = 0.85 + rng.next() * 0.45;
      let t = startedAt;
      for (const l of lines) {
        t += Math.round(l.pick.product.prepSeconds * l.pick.quantity * factor * 1000);
        itemDone.push(t);
      }
      readyAt = t + 5_000 + rng.int(10_000);
      free[slot] = readyAt;
      const waited = readyAt - queuedAt;
      etaAt = queuedAt + Math.max(3 * MINUTE, Math.round(waited * (0.8 + rng.next() * 0.4)));
      events.push({ from: "QUEUED", to: "PREPARING", at: startedAt, actor: actorStaff, reason: null });
      events.push({ from: "PREPARING", to: "READY", at: readyAt, actor: actorStaff, reason: null });
      if (draft.cancel?.stage === "READY") {
        cancelledAt = readyAt + (60 + rng.int(60)) * MINUTE;
        events.push({ from: "READY", to: "CANCELLED", at: cancelledAt, actor: actorStaff, reason: draft.cancel.reason });
      } else {
        claimedAt = readyAt + Math.min(20 * MINUTE, 10_000 + Math.round(rng.exponential(100_000)));
        events.push({ from: "READY", to: "CLAIMED", at: claimedAt, actor: actorStaff, reason: null });
      }
    }

    // Some pay-at-pickup orders were for later: scheduled at placement, released at their queue time.
    const promised = releasedAt === null && readyAt !== null ? historyPickup(orderId, queuedAt, readyAt) : null;
    if (promised !== null) {
      events.splice(1, 1, { from: "PLACED", to: "SCHEDULED", at: draft.placedAt + 200, actor: placer, reason: null }, { from: "SCHEDULED", to: "QUEUED", at: queuedAt, actor: RELEASE_ACTOR, reason: null });
    }

    // Drawn before the window check, so cropping the first and last day changes nothing else.
    const customerName = draft.customer ? ctx.customer.name : rng.pick(FIRST_NAMES);
    const pickupCode = generatePickupCode((n) => rng.int(n));
    const orderNotes = rng.chance(0.01) ? rng.pick(ORDER_NOTES) : null;

    const last = events[events.length - 1];
    if (!last) continue;
    // Only closed orders, entirely inside the window.
    if (draft.placedAt < ctx.windowStart || last.at > ctx.windowEnd) continue;

    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const status = last.to;
    rows.orders.push({
      id: orderId,
      shop_id: ctx.shopId,
      user_id: placer,
      customer_name: customerName,
      status,
      payment_method: pay ? "CRYPTO" : "PAY_AT_PICKUP",
      pickup_code: pickupCode,
      subtotal_cents: totals.subtotalCents,
      tax_cents: totals.taxCents,
      tip_cents: totals.tipCents,
      total_cents: totals.totalCents,
      currency: ctx.currency,
      notes: orderNotes,
      cancel_reason: status === "CANCELLED" ? (draft.cancel?.reason ?? null) : null,
      eta_at: iso(promised ?? etaAt),
      pickup_at: iso(promised),
      fire_at: promised === null ? null : iso(queuedAt),
      version: events.length - 1,
      placed_at: new Date(draft.placedAt).toISOString(),
      queued_at: iso(queuedAt),
      started_at: iso(startedAt),
      ready_at: iso(readyAt),
      claimed_at: iso(claimedAt),
      cancelled_at: iso(cancelledAt),
      updated_at: new Date(last.at).toISOString(),
    });
    if (pay && quotedAt !== null && releasedAt !== null && settledAt !== null && ctx.wallet) {
      rows.invoices.push(historyInvoice(ctx, orderId, pay.token, totals.totalCents, { quotedAt, releasedAt, settledAt, fastLane }, rng));
    }
    lines.forEach((l, i) => {
      const doneAt = readyAt === null ? null : (itemDone[i] ?? readyAt);
      rows.items.push({
        id: uuidv7(draft.placedAt),
        order_id: orderId,
        product_id: l.pick.product.id,
        product_name: l.pick.product.name,
        station: l.pick.product.station,
        quantity: l.pick.quantity,
        unit_price_cents: l.priced.unitPriceCents,
        line_total_cents: l.priced.lineTotalCents,
        options: l.options,
        notes: l.pick.notes,
        status: doneAt === null ? "PENDING" : "DONE",
        done_at: iso(doneAt),
      });
    });
    for (const e of events) {
      rows.history.push({
        id: uuidv7(e.at),
        order_id: orderId,
        from_status: e.from,
        to_status: e.to,
        reason: e.reason,
        actor: e.actor,
        created_at: new Date(e.at).toISOString(),
      });
    }
  }
}

/** The settled invoice of a history order, quoted as the checkout would have quoted it (lib/payments/pricing.ts). */
function historyInvoice(
  ctx: ShopContext,
  orderId: string,
  token: TokenConfig,
  amountCents: number,
  at: { quotedAt: number; releasedAt: number; settledAt: number; fastLane: boolean },
  rng: Rng,
): InvoiceRow {
  const usd = token.symbol === "ETH" ? LOCAL_PRICES.ETH_USD : 1n;
  const round = { roundId: 1n, answer: usd * 10n ** 8n, updatedAt: BigInt(Math.floor(at.quotedAt / 1000)), answeredInRound: 1n, decimals: 8 };
  const q = quote(token, amountCents, round, new Date(at.quotedAt));
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: uuidv7(at.quotedAt),
    order_id: orderId,
    shop_id: ctx.shopId,
    reference: `0x${Array.from({ length: 64 }, () => "0123456789abcdef"[rng.int(16)]).join("")}`,
    chain_id: HISTORY_CHAIN.chain.id,
    token: token.symbol,
    token_address: token.address?.toLowerCase() ?? null,
    decimals: token.decimals,
    router_address: HISTORY_CHAIN.router!.toLowerCase(),
    pay_to: ctx.wallet!.toLowerCase(),
    amount_cents: amountCents,
    currency: ctx.currency,
    amount: q.amount.toString(),
    rate: q.rate.toString(),
    rate_decimals: q.rateDecimals,
    rate_source: token.feed ? `${token.feed.toLowerCase()}@${HISTORY_CHAIN.chain.id}` : "par",
    rate_updated_at: q.rateUpdatedAt.toISOString(),
    required_confirmations: ctx.requiredConfirmations,
    fast_lane: at.fastLane,
    expires_at: iso(at.quotedAt + 15 * MINUTE),
    released_at: iso(at.releasedAt),
    settled_at: iso(at.settledAt),
    created_at: iso(at.quotedAt),
  };
}

/** Generates the rows for one shop (pure apart from reading the clock-independent inputs). */
function generateShopHistory(ctx: ShopContext): Rows {
  const rows: Rows = { orders: [], items: [], history: [], invoices: [] };
  const todayUtc = Date.parse(`${localDate(new Date(ctx.windowEnd), ctx.shop.timezone)}T00:00:00Z`);
  const days = Math.ceil((ctx.windowEnd - ctx.windowStart) / DAY) + 1;
  for (let k = days; k >= 0; k--) {
    const day = new Date(todayUtc - k * DAY);
    generateDay(ctx, day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), rows);
  }
  return rows;
}

/**
 * A history order's tip, from its id's random bits rather than the seed's random stream (so adding
 * tips moved no other seeded figure): about 4 in 10 tip nothing, the rest 10, 15, 20 % or a dollar.
 */
/**
 * Whether a history order was for later, and its promised pickup time, from its id's random bits
 * (so the rest of the history stays as it was): about 1 in 16, most promised for the quarter hour
 * after they were ready, about 1 in 8 of them for the quarter hour before (ready late).
 */
function historyPickup(orderId: string, queuedAt: number, readyAt: number): number | null {
  const n = parseInt(orderId.slice(-4, -2), 16);
  if (n % 16 !== 0) return null;
  const late = Math.floor((readyAt - 60_000) / QUARTER_HOUR) * QUARTER_HOUR;
  return (n >> 4) % 8 === 0 && late > queuedAt ? late : Math.ceil(readyAt / QUARTER_HOUR) * QUARTER_HOUR;
}
const QUARTER_HOUR = 15 * 60_000;

function historyTip(orderId: string): TipChoice | undefined {
  const n = parseInt(orderId.slice(-2), 16) % 10;
  if (n < 4) return undefined;
  if (n < 6) return { percent: 10 };
  if (n < 8) return { percent: 15 };
  return n === 8 ? { percent: 20 } : { cents: 100 };
}

// ------------------------------------------------------------------ bulk insert

const ORDER_COLUMNS = `id uuid, shop_id uuid, user_id uuid, customer_name text, status text, payment_method text, pickup_code text,
  subtotal_cents int, tax_cents int, tip_cents int, total_cents int, currency text, notes text, cancel_reason text, eta_at timestamptz,
  pickup_at timestamptz, fire_at timestamptz, version int, placed_at timestamptz, queued_at timestamptz, started_at timestamptz, ready_at timestamptz,
  claimed_at timestamptz, cancelled_at timestamptz, updated_at timestamptz`;

const INSERT_ORDERS = `INSERT INTO orders (id, shop_id, user_id, customer_name, status, payment_method, pickup_code, active_pickup_code,
  subtotal_cents, tax_cents, tip_cents, total_cents, currency, notes, cancel_reason, eta_at, pickup_at, fire_at, version, placed_at, queued_at, started_at,
  ready_at, claimed_at, cancelled_at, updated_at)
SELECT id, shop_id, user_id, customer_name, status::"OrderStatus", payment_method::"PaymentMethod", pickup_code, NULL,
  subtotal_cents, tax_cents, tip_cents, total_cents, currency, notes, cancel_reason, eta_at, pickup_at, fire_at, version, placed_at, queued_at, started_at,
  ready_at, claimed_at, cancelled_at, updated_at
FROM jsonb_to_recordset($1::jsonb) AS t(${ORDER_COLUMNS})`;

const INSERT_ITEMS = `INSERT INTO order_items (id, order_id, product_id, product_name, station, quantity, unit_price_cents,
  line_total_cents, options, notes, status, done_at)
SELECT id, order_id, product_id, product_name, station::"Station", quantity, unit_price_cents, line_total_cents, options, notes,
  status::"ItemStatus", done_at
FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, order_id uuid, product_id uuid, product_name text, station text, quantity int,
  unit_price_cents int, line_total_cents int, options jsonb, notes text, status text, done_at timestamptz)`;

const INSERT_HISTORY = `INSERT INTO order_status_history (id, order_id, from_status, to_status, reason, actor, created_at)
SELECT id, order_id, from_status::"OrderStatus", to_status::"OrderStatus", reason, actor, created_at
FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, order_id uuid, from_status text, to_status text, reason text, actor text,
  created_at timestamptz)`;

// Paid in full and settled: amount due = paid = confirmed.
const INSERT_INVOICES = `INSERT INTO invoices (id, order_id, shop_id, reference, status, chain_id, token, token_address, decimals, router_address,
  pay_to, amount_cents, currency, amount_due, amount_paid, amount_confirmed, rate, rate_decimals, rate_source, rate_updated_at,
  required_confirmations, fast_lane, expires_at, released_at, settled_at, version, created_at, updated_at)
SELECT id, order_id, shop_id, reference, 'SETTLED'::"InvoiceStatus", chain_id, token, token_address, decimals, router_address,
  pay_to, amount_cents, currency, amount::numeric, amount::numeric, amount::numeric, rate::numeric, rate_decimals, rate_source, rate_updated_at,
  required_confirmations, fast_lane, expires_at, released_at, settled_at, 2, created_at, settled_at
FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, order_id uuid, shop_id uuid, reference text, chain_id int, token text, token_address text,
  decimals int, router_address text, pay_to text, amount_cents int, currency text, amount text, rate text, rate_decimals int, rate_source text,
  rate_updated_at timestamptz, required_confirmations int, fast_lane boolean, expires_at timestamptz, released_at timestamptz,
  settled_at timestamptz, created_at timestamptz)`;

const CHUNK = 5_000;

async function insertChunks(tx: SeedTx, sql: string, rows: readonly unknown[]): Promise<number> {
  let count = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    count += await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK)));
  }
  return count;
}

// ------------------------------------------------------------------ entry point

export type HistoryCreated = { orders: number; orderItems: number; statusHistory: number; invoices: number };

export type HistoryOptions = {
  shopIds: Map<string, string>;
  accounts: Map<DemoRole, string>;
  now: Date;
  historyDays: number;
};

/** Orders created per shop slug (0 for a shop that already had orders, which is left alone). */
export async function seedHistory(tx: SeedTx, opts: HistoryOptions): Promise<{ perShop: Map<string, number>; created: HistoryCreated }> {
  const created: HistoryCreated = { orders: 0, orderItems: 0, statusHistory: 0, invoices: 0 };
  const perShop = new Map<string, number>();
  if (opts.historyDays <= 0) return { perShop, created };

  const barista = opts.accounts.get("BARISTA");
  const manager = opts.accounts.get("MANAGER");
  const customerId = opts.accounts.get("CUSTOMER");
  if (!barista || !manager || !customerId) throw new Error("seed: demo accounts must exist before history");
  const customerName = DEMO_ACCOUNTS.find((a) => a.role === "CUSTOMER")?.name.split(" ")[0] ?? "Casey";

  // Orders end a few minutes before now: nothing in the past is still open.
  const windowEnd = opts.now.getTime() - 2 * MINUTE;
  const windowStart = opts.now.getTime() - opts.historyDays * DAY;

  for (const shop of SHOPS) {
    const shopId = opts.shopIds.get(shop.slug);
    if (!shopId) continue;
    perShop.set(shop.slug, 0);
    if ((await tx.order.count({ where: { shopId } })) > 0) continue;
    const row = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { currency: true, taxRateBps: true, receivingWallet: true, requiredConfirmations: true, fastLaneMaxCents: true } });
    const rows = generateShopHistory({
      shop,
      shopId,
      currency: row.currency,
      taxRateBps: row.taxRateBps,
      wallet: row.receivingWallet,
      requiredConfirmations: row.requiredConfirmations,
      fastLaneMaxCents: row.fastLaneMaxCents,
      kind: shop.hours.every((i) => i.closesMinute - i.opensMinute >= 1440) ? "airport" : "city",
      menu: await loadMenu(tx, shopId),
      staff: { barista, manager },
      customer: { id: customerId, name: customerName },
      windowStart,
      windowEnd,
    });
    const orders = await insertChunks(tx, INSERT_ORDERS, rows.orders);
    created.orders += orders;
    created.orderItems += await insertChunks(tx, INSERT_ITEMS, rows.items);
    created.statusHistory += await insertChunks(tx, INSERT_HISTORY, rows.history);
    created.invoices += await insertChunks(tx, INSERT_INVOICES, rows.invoices);
    await countPayments(tx, shop.timezone, rows.invoices);
    perShop.set(shop.slug, orders);
  }
  await creditDemoCustomerBeans(tx, customerId);
  return { perShop, created };
}

/**
 * The dashboard's crypto figures for the history's invoices: each one's fact (lib/analytics/payments.ts
 * `paymentFact`, what the analytics worker stores when an invoice settles), summed per shop, local
 * date, chain and token into analytics_payment_daily, in two statements.
 */
async function countPayments(tx: SeedTx, timeZone: string, invoices: readonly InvoiceRow[]): Promise<void> {
  const facts = invoices.map((i) => ({
    id: i.id,
    shopId: i.shop_id,
    fact: paymentFact({ paymentId: i.id, shopId: i.shop_id, timezone: timeZone, status: "SETTLED", chainId: i.chain_id, token: i.token, amountBaseUnits: BigInt(i.amount), valueCents: i.amount_cents, settledAt: new Date(i.settled_at) }),
  }));
  for (let k = 0; k < facts.length; k += CHUNK) {
    await tx.$executeRawUnsafe(
      `WITH f AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS f(id text, "shopId" uuid, fact jsonb)),
       facts AS (INSERT INTO analytics_payment_facts (payment_id, shop_id, fact) SELECT id, "shopId", fact FROM f)
       INSERT INTO analytics_payment_daily AS a (shop_id, day, chain_id, token, payments, amount_base_units, value_cents, refunds, refunded_base_units)
       SELECT "shopId", (fact->>'day')::date, (fact->>'chainId')::int, fact->>'token', count(*), sum((fact->>'amountBaseUnits')::numeric), sum((fact->>'valueCents')::bigint), 0, 0
       FROM f GROUP BY 1, 2, 3, 4
       ON CONFLICT (shop_id, day, chain_id, token) DO UPDATE SET payments = a.payments + excluded.payments,
         amount_base_units = a.amount_base_units + excluded.amount_base_units, value_cents = a.value_cents + excluded.value_cents`,
      JSON.stringify(facts.slice(k, k + CHUNK)),
    );
  }
}

/**
 * The demo customer earned beans with every collected order of the history (lib/loyalty: 10 per
 * paid order; a crypto order earns when its invoice settles, the others when collected), so the
 * account pages and the checkout have a balance to show. Orders credited before are skipped;
 * balances run on from the customer's last entry.
 */
async function creditDemoCustomerBeans(tx: SeedTx, customerId: string): Promise<void> {
  await tx.$executeRaw`
    WITH start AS (
      SELECT coalesce((SELECT balance FROM loyalty_entries WHERE user_id = ${customerId}::uuid ORDER BY created_at DESC, id DESC LIMIT 1), 0) AS balance
    ), earned AS (
      SELECT o.id, coalesce(i.settled_at, o.claimed_at) AS earned_at, row_number() OVER (ORDER BY coalesce(i.settled_at, o.claimed_at), o.id) AS n
      FROM orders o LEFT JOIN invoices i ON i.order_id = o.id AND i.status = 'SETTLED'
      WHERE o.user_id = ${customerId}::uuid AND o.status = 'CLAIMED' AND o.total_cents > 0
        AND NOT EXISTS (SELECT 1 FROM loyalty_entries l WHERE l.order_id = o.id AND l.reason = ${EARNED})
    )
    INSERT INTO loyalty_entries (id, user_id, order_id, beans, balance, reason, created_at)
    SELECT gen_random_uuid(), ${customerId}::uuid, earned.id, ${BEANS_PER_ORDER}, start.balance + ${BEANS_PER_ORDER} * earned.n, ${EARNED}, earned.earned_at
    FROM earned, start`;
}
