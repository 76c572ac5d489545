import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, parseEther, type PublicClient } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { anvil } from "viem/chains";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { env } from "@/lib/env";
import { deployDefiContracts, localAccount, WHALE_INDEX } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { analyzerOverview, recordBalances, shopWalletHoldings } from "./analyzer";

/**
 * The on-chain analyzer against a private anvil with the real token and feed contracts, and the run's
 * database: a shop's receiving wallet is read with the treasury, recorded once while nothing moves,
 * again when money arrives (valued at the chain's feeds at that block), and /admin/treasury's figures
 * (holdings, allocation, customer inflows) come out of what was recorded.
 */

const db = createDb(env().DATABASE_URL, 2);
const chainId = localDeployment.chainId;
const stamp = Date.now().toString(36);
const shopWallet = privateKeyToAccount(generatePrivateKey()).address;
const treasury = treasuryAccount(chainId).address;
let chain: PrivateAnvil;
let pub: PublicClient;
let shopId: string;
const shopName = `Go Coffee Analyzer ${stamp}`;

const rowsOf = (wallet: string) => db.walletBalance.findMany({ where: { chainId, wallet: wallet.toLowerCase() }, orderBy: [{ blockNumber: "asc" }, { token: "asc" }] });

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  const local = await deployLocalContracts(chain.rpcUrl);
  await deployDefiContracts(chain.rpcUrl, local.contracts);
  shopId = (await db.shop.create({ data: { slug: `analyzer-${stamp}`, name: shopName, addressLine: "1 Main St", city: "Oakland", postalCode: "94612", country: "US", timezone: "UTC", receivingWallet: shopWallet } })).id;
});
afterAll(async () => {
  // Closed, and no longer watched: later runs on this database do not read it.
  await db.shop.update({ where: { id: shopId }, data: { active: false, receivingWallet: null } }).catch(() => undefined);
  await db.$disconnect();
  await chain?.stop();
});

describe("on-chain analyzer", () => {
  it("records a wallet when it is new and when it changes, never while it holds still", async () => {
    const first = await recordBalances(db, pub, chainId, treasury);
    const initial = await rowsOf(shopWallet);
    expect(initial.map((r) => [r.token, r.amount.toFixed(0)])).toEqual([["DAI", "0"], ["ETH", "0"], ["USDC", "0"], ["USDT", "0"], ["WETH", "0"]]);
    expect(initial.every((r) => r.blockNumber === first.blockNumber && r.label === shopName)).toBe(true);
    // The treasury is read beside the shops: its five tokens are on record (at this block, or at an
    // earlier one when another file's chain left it holding the same amounts).
    const treasuryTokens = await db.walletBalance.findMany({ where: { chainId, wallet: treasury.toLowerCase(), label: "Treasury", blockNumber: { lte: first.blockNumber } }, distinct: ["token"], select: { token: true } });
    expect(treasuryTokens.map((t) => t.token).sort()).toEqual(["DAI", "ETH", "USDC", "USDT", "WETH"]);

    // A new block where the wallet did not move: nothing recorded for it.
    const test = createTestClient({ chain: anvil, transport: http(chain.rpcUrl), mode: "anvil" });
    await test.mine({ blocks: 1 });
    await recordBalances(db, pub, chainId, treasury);
    expect(await rowsOf(shopWallet)).toHaveLength(5);

    // Money arrives: 2 ETH, and 1,234.5 USDC minted to the wallet.
    await test.setBalance({ address: shopWallet, value: parseEther("2") });
    const minter = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: localAccount(WHALE_INDEX) });
    await test.setBalance({ address: minter.account.address, value: parseEther("10") });
    await pub.waitForTransactionReceipt({ hash: await minter.writeContract({ address: localDeployment.contracts.USDC, abi: testStablecoinAbi, functionName: "mint", args: [shopWallet, 1_234_500_000n] }), pollingInterval: 50 });
    const second = await recordBalances(db, pub, chainId, treasury);
    const after = (await rowsOf(shopWallet)).filter((r) => r.blockNumber === second.blockNumber);
    // All five tokens of the wallet, at the block that changed, valued at the local feeds ($3,000 per ETH, $1 per USDC).
    expect(after.map((r) => [r.token, r.amount.toFixed(0), r.valueUsdCents])).toEqual([
      ["DAI", "0", 0n],
      ["ETH", parseEther("2").toString(), 600_000n],
      ["USDC", "1234500000", 123_450n],
      ["USDT", "0", 0n],
      ["WETH", "0", 0n],
    ]);
  });

  it("shows the wallet's holdings, the allocation and the shop's customer inflows", async () => {
    await db.analyticsPaymentDaily.create({ data: { shopId, day: new Date(new Date().toISOString().slice(0, 10)), chainId, token: "USDC", payments: 3, amountBaseUnits: "18750000", valueCents: 1875n } });
    const o = await analyzerOverview(db, chainId);
    const wallet = o.wallets.find((w) => w.wallet === shopWallet.toLowerCase());
    expect(wallet).toMatchObject({ label: shopName, totalUsdCents: 723_450 });
    expect(wallet!.tokens.find((t) => t.token === "USDC")).toEqual({ token: "USDC", amount: "1234500000", valueUsdCents: 123_450 });
    expect(o.wallets[0]!.label).toBe("Treasury");
    expect(o.totalUsdCents).toBe(o.wallets.reduce((a, w) => a + w.totalUsdCents, 0));
    const shares = o.allocation.reduce((a, x) => a + x.bps, 0);
    expect(shares).toBeGreaterThan(9_990);
    expect(shares).toBeLessThanOrEqual(10_000);
    expect(o.inflows).toContainEqual({ shop: shopName, currency: "USD", token: "USDC", payments: 3, amount: "18750000", valueCents: 1875 });
    // The holdings over the day end at the total held now.
    expect(o.history.at(-1)!.totalUsdCents).toBe(o.totalUsdCents);

    // The manager dashboard's "Shop wallets now": this shop's wallet as last read; unknown shops, none.
    const [mine] = await shopWalletHoldings(db, [shopId]);
    expect(mine).toMatchObject({ shopId, shop: shopName, chainId, wallet: shopWallet.toLowerCase(), totalUsdCents: 723_450 });
    expect(mine!.tokens.map((t) => t.token)).toEqual(["DAI", "ETH", "USDC", "USDT", "WETH"]);
    expect(await shopWalletHoldings(db, [crypto.randomUUID()])).toEqual([]);
  });
});
