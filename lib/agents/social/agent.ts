import type { Db } from "@/lib/db";
import { localDate } from "@/lib/analytics/time";
import { getShopMenu } from "@/lib/catalog/menu";
import { DomainError } from "@/lib/errors";
import { decide, type Decision } from "../core/decide";
import { createProposal, openProposalSubjects } from "../core/proposals";
import type { AgentModel } from "../core/provider";
import { recordRun } from "../core/runs";
import { checkPostText, chooseSpecial, postAnswer, promptOf, PROMPT_VERSION, rulesPost, SOCIAL_AGENT, SOCIAL_POST_KIND, SYSTEM, type Candidate, type PostAnswer, type PostFacts } from "./post";

export type SocialDeps = { model: AgentModel; appUrl: string; now?: () => Date };

/** What a `social_post` proposal carries (agent_proposals.payload): the post, and the facts its checks need. */
export type SocialPostPayload = {
  text: string;
  productId: string;
  productName: string;
  imagePath: string;
  priceCents: number;
  currency: string;
  occasion: PostFacts["occasion"];
  shopName: string;
  description: string;
  menuUrl: string;
  otherProducts: string[];
  reason: string;
  /** "rules" or the provider whose text passed the checks. */
  writtenBy: string;
};

/** A special waits for a day; undecided, it expires (the next morning drafts a new one). */
const TTL_HOURS = 20;

export function factsOf(p: SocialPostPayload): PostFacts {
  return { occasion: p.occasion, shopName: p.shopName, productName: p.productName, description: p.description, priceCents: p.priceCents, currency: p.currency, menuUrl: p.menuUrl, otherProducts: p.otherProducts, reason: p.reason };
}

export async function writePost(model: AgentModel, facts: PostFacts): Promise<Decision<PostAnswer>> {
  return decide({ model, system: SYSTEM, prompt: promptOf(facts), schema: postAnswer, check: (a) => checkPostText(a.text, facts), rules: () => rulesPost(facts) });
}

/** The shop's products with their availability now and units sold over the last 7 days and the 7 before. */
async function candidates(db: Db, shopSlug: string, shopId: string, now: Date) {
  const menu = await getShopMenu(db, shopSlug, now);
  if (!menu) return null;
  const sales = await db.$queryRaw<{ product_id: string; last7: bigint; prev7: bigint }[]>`
    SELECT i.product_id,
      coalesce(sum(i.quantity) FILTER (WHERE o.placed_at >= ${new Date(now.getTime() - 7 * 86_400_000)}), 0)::bigint AS last7,
      coalesce(sum(i.quantity) FILTER (WHERE o.placed_at < ${new Date(now.getTime() - 7 * 86_400_000)}), 0)::bigint AS prev7
    FROM order_items i JOIN orders o ON o.id = i.order_id
    WHERE o.shop_id = ${shopId}::uuid AND o.placed_at >= ${new Date(now.getTime() - 14 * 86_400_000)} AND o.placed_at < ${now}
      AND o.status NOT IN ('PENDING_PAYMENT', 'CANCELLED', 'REFUNDED')
    GROUP BY i.product_id`;
  const sold = new Map(sales.map((s) => [s.product_id, s]));
  const products = menu.categories.flatMap((c) => c.products);
  const list: Candidate[] = products.map((p) => ({ productId: p.id, name: p.name, description: p.description, priceCents: p.priceCents, imageUrl: p.imageUrl, available: p.available, unitsLast7: Number(sold.get(p.id)?.last7 ?? 0), unitsPrev7: Number(sold.get(p.id)?.prev7 ?? 0) }));
  return { menu, list };
}

export type DraftResult = { proposalId: string | null; runId: string | null; reason: string };

async function draft(db: Db, deps: SocialDeps, shop: { id: string; slug: string }, chosen: Candidate, all: Candidate[], menu: { shop: { name: string; currency: string } }, occasion: PostFacts["occasion"], subject: string, triggerEventId: string | null, started: number, now: Date, reason: string): Promise<DraftResult> {
  const facts: PostFacts = {
    occasion,
    shopName: menu.shop.name,
    productName: chosen.name,
    description: chosen.description,
    priceCents: chosen.priceCents,
    currency: menu.shop.currency,
    menuUrl: new URL(`/shops/${shop.slug}`, deps.appUrl).toString(),
    otherProducts: all.filter((c) => c.productId !== chosen.productId).map((c) => c.name),
    reason,
  };
  // The model (if any) is asked before the transaction: a slow model holds no lock.
  const decision = await writePost(deps.model, facts);
  const payload: SocialPostPayload = { ...facts, text: decision.output.text, productId: chosen.productId, imagePath: chosen.imageUrl!, writtenBy: decision.outcome === "OK" ? decision.provider : "rules" };
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.social'), hashtext(${shop.id}))`;
    if ((await openProposalSubjects(tx, shop.id, now)).has(subject)) return { proposalId: null, runId: null, reason: "already drafted" };
    const runId = await recordRun(
      tx,
      { agent: SOCIAL_AGENT, shopId: shop.id, triggerEventId, inputsSummary: `${all.length} products, ${all.filter((c) => c.available).length} available; ${reason}`, promptVersion: PROMPT_VERSION, latencyMs: Math.round(performance.now() - started) },
      decision,
      { occasion, productId: chosen.productId, productName: chosen.name, text: payload.text, writtenBy: payload.writtenBy },
    );
    const title = `${occasion === "daily_special" ? "Post today's special" : "Post about"} ${chosen.name} (${payload.text.length} characters, with its picture)`;
    const proposalId = await createProposal(tx, { agent: SOCIAL_AGENT, shopId: shop.id, kind: SOCIAL_POST_KIND, subject, title, payload, runId, ttlHours: TTL_HOURS }, now);
    return { proposalId, runId, reason };
  });
}

/** The day's special for one shop: once per local date (subject `social:special:<date>`), never for an unavailable product. */
export async function draftDailySpecial(db: Db, deps: SocialDeps, shopId: string, triggerEventId: string | null = null): Promise<DraftResult> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { id: true, slug: true, timezone: true } });
  const subject = `social:special:${localDate(now, shop.timezone)}`;
  if ((await db.agentProposal.count({ where: { shopId, subject } })) > 0) return { proposalId: null, runId: null, reason: "already drafted today" };
  const found = await candidates(db, shop.slug, shop.id, now);
  if (!found) return { proposalId: null, runId: null, reason: "shop not open for business" };
  const chosen = chooseSpecial(found.list);
  if (!chosen) return { proposalId: null, runId: null, reason: "no product available" };
  const rose = chosen.unitsLast7 - chosen.unitsPrev7;
  const reason = chosen.unitsLast7 + chosen.unitsPrev7 === 0 ? "no sales in the last 14 days: first available product by name" : `sales ${rose >= 0 ? "rose" : "fell"} by ${Math.abs(rose)} (${chosen.unitsPrev7} → ${chosen.unitsLast7} over the last 7 days), the most of the available products`;
  return draft(db, deps, shop, chosen, found.list, found.menu, "daily_special", subject, triggerEventId, started, now, reason);
}

/** A manager's "Draft a post" for one product of the shop (no event says a product became available: docs/agents.md). */
export async function draftProductPost(db: Db, deps: SocialDeps, shopId: string, productId: string): Promise<DraftResult> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { id: true, slug: true } });
  const found = await candidates(db, shop.slug, shop.id, now);
  const chosen = found?.list.find((c) => c.productId === productId);
  if (!found || !chosen) throw new DomainError("not_found", "This shop does not sell that product.");
  if (!chosen.available) throw new DomainError("conflict", `${chosen.name} is not available at this shop right now: no post about it.`);
  if (!chosen.imageUrl || !/^\/menu\/[a-z0-9-]+\.svg$/.test(chosen.imageUrl)) throw new DomainError("conflict", `${chosen.name} has no illustration of ours to post.`);
  const result = await draft(db, deps, shop, chosen, found.list, found.menu, "product", `social:product:${productId}`, null, started, now, "asked for by a manager");
  if (!result.proposalId) throw new DomainError("conflict", `A post about ${chosen.name} is already waiting.`);
  return result;
}

/** The daily trigger: every active shop whose local date moved on since its last look in this process. */
export async function draftDueSpecials(db: Db, deps: SocialDeps, lastRun: Map<string, string>, onError: (shopId: string, err: unknown) => void): Promise<number> {
  const now = deps.now?.() ?? new Date();
  const shops = await db.shop.findMany({ where: { active: true }, select: { id: true, timezone: true } });
  let drafted = 0;
  for (const shop of shops) {
    const today = localDate(now, shop.timezone);
    if (lastRun.get(shop.id) === today) continue;
    try {
      const r = await draftDailySpecial(db, deps, shop.id);
      lastRun.set(shop.id, today);
      if (r.proposalId) drafted++;
    } catch (err) {
      onError(shop.id, err);
    }
  }
  return drafted;
}
