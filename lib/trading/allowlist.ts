import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db } from "@/lib/db";
import type { PairVenues } from "@/lib/defi/venues";
import { DomainError } from "@/lib/errors";
import { treasuryControl } from "./desk";
import { deskUniverse, type Listed } from "./universe";

/**
 * The guard's allowlists as an admin edits them on /admin/treasury: which of the desk's tokens and
 * pools a bot may trade. Only what the desk knows can be ticked (an address typed by hand could be
 * anyone's contract); an empty list is allowed and refuses every trade through it. Audited with
 * what was taken off and put back.
 */

export const allowlistsInput = z.object({
  tokens: z.array(z.string().trim().toLowerCase()).max(50),
  pools: z.array(z.string().trim().toLowerCase()).max(50),
});

/** "Pools: off uniswap-v3 0.3 % WETH/USDC; tokens: back on DAI", or null when nothing changed. */
export function describeAllowlistChange(universe: { tokens: Listed[]; pools: Listed[] }, before: { tokens: string[]; pools: string[] }, after: { tokens: string[]; pools: string[] }): string | null {
  const part = (what: string, all: Listed[], was: string[], now: string[]) => {
    const name = (a: string) => all.find((x) => x.address === a)?.name ?? a;
    const off = was.filter((a) => !now.includes(a)).map(name);
    const on = now.filter((a) => !was.includes(a)).map(name);
    return off.length || on.length ? `${what}: ${[off.length ? `off ${off.join(", ")}` : "", on.length ? `back on ${on.join(", ")}` : ""].filter(Boolean).join("; ")}` : null;
  };
  const parts = [part("pools", universe.pools, before.pools, after.pools), part("tokens", universe.tokens, before.tokens, after.tokens)].filter(Boolean);
  return parts.length ? `Allowlists: ${parts.join("; ")}` : null;
}

/** Validates and stores the allowlists; returns what changed (null: nothing, and nothing is recorded). */
export async function updateAllowlists(db: Db, venues: PairVenues, actor: AuditActor, input: unknown): Promise<string | null> {
  const parsed = allowlistsInput.safeParse(input);
  if (!parsed.success) throw new DomainError("invalid", "Allowlists: lists of the desk's token and pool addresses");
  const universe = deskUniverse(venues);
  const unknown = [...parsed.data.tokens.filter((a) => !universe.tokens.some((t) => t.address === a)), ...parsed.data.pools.filter((a) => !universe.pools.some((p) => p.address === a))];
  if (unknown.length) throw new DomainError("invalid", `Allowlists: not a token or pool of the desk: ${unknown.join(", ")}`);
  // In the desk's order, once each.
  const after = { tokens: universe.tokens.map((t) => t.address).filter((a) => parsed.data.tokens.includes(a)), pools: universe.pools.map((p) => p.address).filter((a) => parsed.data.pools.includes(a)) };
  await treasuryControl(db, venues);
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ tokens: string[]; pools: string[] }[]>`SELECT allowed_tokens AS tokens, allowed_pools AS pools FROM treasury_control WHERE id = 1 FOR UPDATE`;
    const summary = describeAllowlistChange(universe, row!, after);
    if (!summary) return null;
    await tx.treasuryControl.update({ where: { id: 1 }, data: { allowedTokens: after.tokens, allowedPools: after.pools } });
    await recordAudit(tx, { shopId: null, actor, action: "treasury.allowlist.updated", target: "treasury_control:1", summary, before: row!, after });
    return summary;
  });
}
