import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditActor } from "@/lib/audit/audit-log";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { localWethUsdc } from "@/lib/defi/venues";
import { env } from "@/lib/env";
import { updateAllowlists } from "./allowlist";
import { treasuryControl } from "./desk";
import { deskUniverse } from "./universe";

/**
 * The guard's allowlists against the run's database: only the desk's own tokens and pools can be
 * ticked, a change is stored and audited in words, the same lists again record nothing. The control
 * row is the whole desk's: the lists are put back as they were.
 */

const db = createDb(env().DATABASE_URL, 2);
const venues = localWethUsdc();
const universe = deskUniverse(venues);
const tier3000 = localDeployment.contracts.UniswapV3Pool_WETH_USDC_3000.toLowerCase();
const dai = localDeployment.contracts.DAI.toLowerCase();
let actor: AuditActor;
let before: { tokens: string[]; pools: string[] };

beforeAll(async () => {
  const email = `allowlist-${Date.now().toString(36)}@gocoffee.test`;
  actor = { id: (await db.user.create({ data: { email, name: "Allowlist Admin", role: "ADMIN" } })).id, email };
  const control = await treasuryControl(db, venues);
  before = { tokens: control.allowedTokens, pools: control.allowedPools };
});
afterAll(async () => {
  await db.treasuryControl.update({ where: { id: 1 }, data: { allowedTokens: before.tokens, allowedPools: before.pools } });
  await db.$disconnect();
});

describe("guard allowlists", () => {
  it("lists every pool and token of the desk by name", () => {
    expect(universe.pools.map((p) => p.name)).toEqual(["uniswap-v3 0.05 % WETH/USDC", "uniswap-v2 0.3 % WETH/USDC", "uniswap-v3 0.3 % WETH/USDC", "uniswap-v3 0.01 % USDC/USDT", "uniswap-v3 0.01 % USDC/DAI"]);
    expect(universe.tokens.map((t) => t.name)).toEqual(["WETH", "USDC", "USDT", "DAI"]);
  });

  it("takes a pool and a token off and puts them back, audited in words; the same lists again change nothing", async () => {
    const all = { tokens: universe.tokens.map((t) => t.address), pools: universe.pools.map((p) => p.address) };
    await updateAllowlists(db, venues, actor, all);
    const fewer = { tokens: all.tokens.filter((a) => a !== dai), pools: all.pools.filter((a) => a !== tier3000) };
    expect(await updateAllowlists(db, venues, actor, fewer)).toBe("Allowlists: pools: off uniswap-v3 0.3 % WETH/USDC; tokens: off DAI");
    expect(await db.treasuryControl.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ allowedTokens: fewer.tokens, allowedPools: fewer.pools });
    expect(await updateAllowlists(db, venues, actor, { tokens: [...fewer.tokens].reverse(), pools: fewer.pools.map((a) => a.toUpperCase().replace("0X", "0x")) })).toBeNull();
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "treasury.allowlist.updated", actorId: actor.id }, orderBy: { createdAt: "desc" } });
    expect(audit.summary).toBe("Allowlists: pools: off uniswap-v3 0.3 % WETH/USDC; tokens: off DAI");
    expect(await updateAllowlists(db, venues, actor, all)).toBe("Allowlists: pools: back on uniswap-v3 0.3 % WETH/USDC; tokens: back on DAI");
  });

  it("refuses an address that is not one of the desk's, and a malformed body, changing nothing", async () => {
    const stored = await db.treasuryControl.findUniqueOrThrow({ where: { id: 1 } });
    await expect(updateAllowlists(db, venues, actor, { tokens: [], pools: ["0x000000000000000000000000000000000000dead"] })).rejects.toMatchObject({ code: "invalid", message: "Allowlists: not a token or pool of the desk: 0x000000000000000000000000000000000000dead" });
    await expect(updateAllowlists(db, venues, actor, { pools: "all" })).rejects.toMatchObject({ code: "invalid" });
    expect(await db.treasuryControl.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ allowedTokens: stored.allowedTokens, allowedPools: stored.allowedPools });
  });
});
