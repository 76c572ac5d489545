import { tagByRules } from "@/lib/agents/feedback/tagging";
import type { SeedTx } from "./db";
import { Rng } from "./random";

/**
 * Customers' ratings of some of the history's collected orders in the last week, so the feedback
 * digest has something to show on first start. Tagged as the analyst's rules path would tag them
 * (tagged_by "rules": no model wrote anything). Only shops without ratings get any.
 */

const PER_SHOP = 18;
const WEEK_MS = 7 * 86_400_000;

/** [stars, comment or null]: mostly happy, a few complaints, several without a comment. */
const DEMO: readonly [number, string | null][] = [
  [5, "Best flat white I've had in ages, really smooth."],
  [5, null],
  [4, "Quick pickup, the order was ready when I arrived."],
  [5, "The barista was so friendly and remembered my name."],
  [4, "Good strong coffee."],
  [3, "A bit pricey but ok."],
  [2, "My latte was lukewarm when I picked it up."],
  [5, "Lovely creamy oat latte."],
  [4, null],
  [3, "Took a while but it was busy."],
  [5, "Spotless shop, very tidy."],
  [1, "Waited 25 minutes for one coffee."],
  [4, "Tasty mocha, a bit too sweet for me."],
  [5, "Great service!"],
  [2, "Too bitter, I couldn't finish it."],
  [4, "Good value for the size."],
  [3, null],
  [5, "In and out in two minutes."],
];

export async function seedRatings(tx: SeedTx, shopIds: Iterable<string>, now: Date): Promise<number> {
  let created = 0;
  for (const shopId of shopIds) {
    if ((await tx.orderRating.count({ where: { shopId } })) > 0) continue;
    const orders = await tx.order.findMany({
      where: { shopId, status: "CLAIMED", claimedAt: { gte: new Date(now.getTime() - WEEK_MS), lte: now } },
      orderBy: [{ claimedAt: "desc" }, { id: "asc" }],
      select: { id: true, claimedAt: true },
      take: PER_SHOP * 6,
    });
    const rng = new Rng(`ratings:${shopId}`);
    // Every sixth-or-so collected order of the week is rated, about ten minutes after pickup.
    const chosen = orders.filter(() => rng.int(6) === 0).slice(0, PER_SHOP);
    const rows = chosen.map((o, i) => {
      const [stars, comment] = DEMO[(i + rng.int(DEMO.length)) % DEMO.length]!;
      const tags = tagByRules({ stars, comment });
      const at = new Date(Math.min(now.getTime(), o.claimedAt!.getTime() + (5 + rng.int(30)) * 60_000));
      return { orderId: o.id, shopId, stars, comment, sentiment: tags.sentiment, topics: tags.topics, taggedBy: "rules", taggedRevision: 1, createdAt: at, updatedAt: at };
    });
    created += (await tx.orderRating.createMany({ data: rows, skipDuplicates: true })).count;
  }
  return created;
}
