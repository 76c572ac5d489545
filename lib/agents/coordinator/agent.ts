import type { Prisma } from "@/lib/db";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { incomingTransfers, promisedTransfers, TRANSFER_KIND, transferProposedEvent, type TransferPayload } from "@/lib/inventory/transfers";
import type { AgentModel } from "../core/provider";
import { createProposal, withdrawProposal } from "../core/proposals";
import { recordRun } from "../core/runs";
import { formatQuantity } from "../inventory/cover";
import { loadShopStock, type Usage } from "../inventory/state";
import { explainTransfers, PROMPT_VERSION } from "./explain";
import { byUrgency, isShort, planTransfer, proximity, type Sender, type Site, type TransferPlan } from "./transfer";

type Tx = Prisma.TransactionClient;

export const COORDINATOR_AGENT = "coordinator";
/**
 * A transfer waits this long for the sender's manager. Short on purpose: while it waits, the
 * receiver's purchase order is held back; once it expires the inventory agent orders the whole shortage.
 */
export const TRANSFER_TTL_HOURS = 4;
/** At most this many transfers proposed for one shop in one run (a new shop short of everything). */
const MAX_PER_RUN = 5;

export type CoordinatorDeps = { model: AgentModel; usage: (tx: Tx, shopId: string) => Promise<Usage>; now?: () => Date };

export type Coordination = { runId: string | null; proposed: TransferPlan[]; withdrawn: string[] };

const NOTHING: Coordination = { runId: null, proposed: [], withdrawn: [] };

const subjectOf = (ingredientId: string, toShopId: string) => `transfer:${ingredientId}:${toShopId}`;

async function activeSites(tx: Tx): Promise<Site[]> {
  const shops = await tx.shop.findMany({ where: { active: true }, select: { id: true, slug: true, name: true, city: true, region: true, country: true }, orderBy: { slug: "asc" } });
  return shops.map((s) => ({ shopId: s.id, slug: s.slug, name: s.name, city: s.city, region: s.region, country: s.country }));
}

/**
 * One look at a shop as a receiver: for each ingredient it is short of (what it has and has
 * coming lasts less than the supplier's lead time, or cannot make a drink), a nearby shop with
 * surplus is asked for a transfer, filed in the sender's shop for its managers to approve.
 *
 * How it works with the inventory agent (both take the same per-shop lock, so they never decide
 * about one shop at once): a purchase order already approved is on its way, so no transfer; a
 * purchase order still waiting is withdrawn when the transfer is proposed (a transfer arrives
 * sooner than the supplier by construction), and the transfer is announced, so the inventory agent
 * re-assesses the receiver and orders only what the transfer leaves short (it counts transfers
 * proposed or in transit as coming). A manager is never asked to order and transfer the same shortage.
 *
 * Records a run whenever it proposes something. Runs inside the consumer's transaction.
 */
export async function coordinateShop(tx: Tx, deps: CoordinatorDeps, shopId: string, triggerEventId: string | null): Promise<Coordination> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.inventory'), hashtext(${shopId}))`;
  const sites = await activeSites(tx);
  const site = sites.find((s) => s.shopId === shopId);
  if (!site) return NOTHING;
  const neighbours = sites.filter((s) => proximity(site, s) !== null);
  if (neighbours.length === 0) return NOTHING; // nobody nearby to ask

  const incoming = await incomingTransfers(tx, shopId, now);
  const short = (await loadShopStock(tx, shopId, await deps.usage(tx, shopId))).map((s) => ({ ...s, incoming: incoming.get(s.ingredientId) ?? 0 })).filter(isShort);
  if (short.length === 0) return NOTHING;

  // One after the other here and below: a transaction's queries share one connection (pg refuses overlapping ones from v9).
  const orders = await tx.agentProposal.findMany({ where: { shopId, kind: "purchase_order", subject: { in: short.map((s) => `po:${s.ingredientId}`) }, OR: [{ status: "PENDING", expiresAt: { gt: now } }, { status: "APPROVED", doneAt: null }] } });
  const transfers = await tx.agentProposal.findMany({ where: { kind: TRANSFER_KIND, toShopId: shopId, OR: [{ status: "PENDING", expiresAt: { gt: now } }, { status: "APPROVED", doneAt: null }] }, select: { subject: true } });
  const onItsWay = new Set(orders.filter((o) => o.status === "APPROVED").map((o) => o.subject));
  const openTransfers = new Set(transfers.map((t) => t.subject));
  const wanted = short.filter((s) => !onItsWay.has(`po:${s.ingredientId}`) && !openTransfers.has(subjectOf(s.ingredientId, shopId))).sort(byUrgency).slice(0, MAX_PER_RUN);
  if (wanted.length === 0) return NOTHING;

  const senders = [];
  for (const n of neighbours) {
    const stock = await loadShopStock(tx, n.shopId, await deps.usage(tx, n.shopId));
    const promised = await promisedTransfers(tx, n.shopId, now);
    senders.push({ site: n, stock: new Map(stock.map((s) => [s.ingredientId, s])), promised });
  }
  const plans: TransferPlan[] = [];
  for (const s of wanted) {
    const offers: Sender[] = senders.flatMap((n) => {
      const state = n.stock.get(s.ingredientId);
      return state ? [{ site: n.site, state, promised: n.promised.get(s.ingredientId) ?? 0 }] : [];
    });
    const plan = planTransfer(site, s, offers);
    if (plan) plans.push(plan);
  }
  if (plans.length === 0) return NOTHING;

  const decision = await explainTransfers(deps.model, plans);
  const reasonOf = new Map(decision.output.reasons.map((r) => [r.ingredient, r.reason]));
  const withdrawn: string[] = [];
  const runId = await recordRun(
    tx,
    {
      agent: COORDINATOR_AGENT,
      shopId,
      triggerEventId,
      inputsSummary: `short: ${short.map((s) => s.slug).join(", ")}; nearby: ${neighbours.map((n) => n.slug).join(", ")}; transfers: ${plans.map((p) => `${p.slug} from ${p.from.slug}`).join(", ")}`,
      promptVersion: PROMPT_VERSION,
      latencyMs: Math.round(performance.now() - started),
    },
    decision,
    { transfers: plans.map((p) => ({ ingredient: p.slug, from: p.from.slug, to: p.to.slug, quantity: p.quantity, need: p.need, senderKeeps: p.senderKeeps, transitDays: p.transitDays, leadDays: p.leadDays })) },
  );
  for (const p of plans) {
    const payload: TransferPayload = {
      fromShopId: p.from.shopId,
      fromShopName: p.from.name,
      toShopId: p.to.shopId,
      toShopName: p.to.name,
      ingredientId: p.ingredientId,
      slug: p.slug,
      name: p.name,
      unit: p.unit,
      quantity: p.quantity,
      packSize: p.packSize,
      senderKeeps: p.senderKeeps,
      transitDays: p.transitDays,
      reason: reasonOf.get(p.slug) ?? "",
      // The transfer is always the rules'; a model may have written the reason.
      provider: "rules",
      explainedBy: decision.outcome === "OK" ? decision.provider : "rules",
    };
    const proposalId = await createProposal(
      tx,
      {
        agent: COORDINATOR_AGENT,
        shopId: p.from.shopId,
        toShopId: p.to.shopId,
        kind: TRANSFER_KIND,
        subject: subjectOf(p.ingredientId, p.to.shopId),
        title: `Transfer ${formatQuantity(p.quantity, p.unit)} ${p.name.toLowerCase()} (${p.quantity / p.packSize} × ${formatQuantity(p.packSize, p.unit)}) from ${p.from.name} to ${p.to.name}`,
        payload,
        runId,
        ttlHours: TRANSFER_TTL_HOURS,
      },
      now,
    );
    const waiting = orders.find((o) => o.status === "PENDING" && o.subject === `po:${p.ingredientId}`);
    if (waiting && (await withdrawProposal(tx, waiting.id, now))) withdrawn.push(waiting.id);
    await enqueueEvents(tx, [transferProposedEvent(proposalId, payload, now)]);
  }
  return { runId, proposed: plans, withdrawn };
}
