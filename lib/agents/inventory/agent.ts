import type { Prisma } from "@/lib/db";
import { incomingTransfers } from "@/lib/inventory/transfers";
import { syncAlerts, type WantedAlert } from "../core/alerts";
import { rulesDecision } from "../core/decide";
import type { AgentModel } from "../core/provider";
import { createProposal, expireProposals, openProposalSubjects } from "../core/proposals";
import { recordRun } from "../core/runs";
import { formatQuantity, isOut } from "./cover";
import { candidatesFor, planPurchases, PROMPT_VERSION, type PurchaseLine } from "./plan";
import { affectedMenuItems, loadShopStock, type Usage } from "./state";
import { inventoryTools } from "./tools";

type Tx = Prisma.TransactionClient;

export const INVENTORY_AGENT = "inventory";
/** A purchase order not decided within this long expires (the next assessment proposes afresh). */
const PO_TTL_HOURS = 24;
/** Beyond this many stock-outs at once, one alert stands for them all. */
const MAX_SEPARATE_OUT = 5;

export type InventoryDeps = { model: AgentModel; usage: (tx: Tx, shopId: string) => Promise<Usage>; now?: () => Date };

export type Assessment = { runId: string | null; raised: WantedAlert[]; resolved: string[]; proposed: PurchaseLine[] };

/**
 * One look at a shop's stock: raises an alert for each ingredient the shop has run out of (with
 * what that takes off the menu; the menu itself computes availability from the same stock) and
 * resolves it when stock is back; proposes a purchase order line for each ingredient whose cover
 * is below its supplier's lead time, unless one is already waiting or on its way. Records a run
 * whenever it decides something. Runs inside the consumer's transaction, under a per-shop lock.
 */
export async function assessShop(tx: Tx, deps: InventoryDeps, shopId: string, triggerEventId: string | null): Promise<Assessment> {
  const now = deps.now?.() ?? new Date();
  const started = performance.now();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('agents.inventory'), hashtext(${shopId}))`;
  await expireProposals(tx, shopId, now);

  // Transfers from other shops (the coordinator's, proposed or in transit) count against a purchase
  // order: the order covers only what they leave short (docs/agents.md, "The coordinator").
  const incoming = await incomingTransfers(tx, shopId, now);
  const states = (await loadShopStock(tx, shopId, await deps.usage(tx, shopId))).map((s) => ({ ...s, incoming: incoming.get(s.ingredientId) ?? 0 }));
  const out = states.filter(isOut);
  const affected = await affectedMenuItems(tx, shopId, out.map((s) => s.ingredientId));
  // A shop out of most things (a new shop before its first delivery) gets one alert, not one per ingredient.
  const wanted: WantedAlert[] = out.length > MAX_SEPARATE_OUT
    ? [{ subject: "out:many", severity: "critical", message: `Out of ${out.length} ingredients (${out.slice(0, 3).map((s) => s.name.toLowerCase()).join(", ")}, …): most of the menu is unavailable until a delivery is received` }]
    : out.map((s) => {
    const items = affected.get(s.ingredientId) ?? [];
    return { subject: `out:${s.ingredientId}`, severity: "critical", message: `Out of ${s.name.toLowerCase()}${items.length > 0 ? `: ${items.slice(0, 6).join(", ")}${items.length > 6 ? ` and ${items.length - 6} more` : ""} unavailable` : ""}` };
  });
  const alerts = await syncAlerts(tx, INVENTORY_AGENT, shopId, wanted, null, now);

  const open = await openProposalSubjects(tx, shopId, now);
  const candidates = candidatesFor(states).filter((s) => !open.has(`po:${s.ingredientId}`));
  if (candidates.length === 0 && alerts.raised.length === 0 && alerts.resolved.length === 0) return { runId: null, ...alerts, proposed: [] };

  // Without a model there is nobody to call tools: the rules path is unchanged.
  const tools = deps.model ? inventoryTools(tx, shopId, candidates, now) : undefined;
  const { decision, lines } = candidates.length > 0 ? await planPurchases(deps.model, candidates, tools) : { decision: null, lines: [] };
  const runId = await recordRun(
    tx,
    {
      agent: INVENTORY_AGENT,
      shopId,
      triggerEventId,
      inputsSummary: `${states.length} ingredients; out: ${out.map((s) => s.slug).join(", ") || "none"}; to reorder: ${candidates.map((s) => s.slug).join(", ") || "none"}`,
      promptVersion: PROMPT_VERSION,
      latencyMs: Math.round(performance.now() - started),
    },
    decision ?? rulesDecision(null),
    { raised: alerts.raised.map((a) => a.message), resolved: alerts.resolved.length, purchaseOrders: lines.map((l) => ({ ingredient: l.slug, quantity: l.quantity, supplier: l.supplier })) },
  );
  if (alerts.raised.length > 0) await tx.agentAlert.updateMany({ where: { shopId, agent: INVENTORY_AGENT, resolvedAt: null, runId: null }, data: { runId } });
  for (const line of lines) {
    const packs = line.quantity / line.packSize;
    await createProposal(
      tx,
      {
        agent: INVENTORY_AGENT,
        shopId,
        kind: "purchase_order",
        subject: `po:${line.ingredientId}`,
        title: `Order ${formatQuantity(line.quantity, line.unit)} ${line.name.toLowerCase()} (${packs} × ${formatQuantity(line.packSize, line.unit)}) from ${line.supplier}`,
        payload: { ...line, provider: decision!.provider },
        runId,
        ttlHours: PO_TTL_HOURS,
      },
      now,
    );
  }
  return { runId, ...alerts, proposed: lines };
}
