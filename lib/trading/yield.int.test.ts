import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createPublicClient, createTestClient, createWalletClient, http, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { readReserve } from "@/lib/defi/aave/client";
import { localAccount, treasuryAccount } from "@/lib/defi/local-accounts";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { deployAaveContracts } from "@/scripts/chain/aave-contracts";
import { deployDefiContracts } from "@/scripts/chain/defi-contracts";
import { deployLocalContracts } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { localWethUsdc } from "@/lib/defi/venues";
import { setKillSwitch, treasuryControl } from "./desk";
import { broadcast, signCall } from "./live";
import { lendingCall } from "@/lib/defi/aave/client";
import { decideYieldMove, freshReads, localLending, PROPOSAL_TTL_MS, proposeYieldMove, resolveMoves, runLending } from "./yield";
import { updateCashPolicy } from "./yield-admin";
import { lentTokens, localTokens, recordBalances } from "./analyzer";

/**
 * The treasury's lending against Aave V3's real bytecode on a private anvil: the seeded market's
 * rates; the cash policy's proposal; nothing moves before an admin approves; an approved supply
 * lands and earns interest as time passes; a withdrawal brings cash back; the kill switch holds a
 * move; a stale proposal expires; a move whose balance is gone fails with its reason; a move signed
 * and stored but never sent (the worker died) is sent again and recorded once.
 */

let chain: PrivateAnvil;
const db = createDb(env().DATABASE_URL, 2);
let pub: PublicClient;
const lending = localLending();
const treasury = treasuryAccount(31337);
const usdc = (dollars: number) => BigInt(Math.round(dollars * 100)) * 10_000n;
let signer: ReturnType<typeof createWalletClient<ReturnType<typeof http>, typeof anvil, typeof treasury>>;

const head = () => pub.getBlockNumber({ cacheTime: 0 });
const pass = async () => runLending(db, pub, signer, lending, await head(), freshReads());
const cash = async () => readReserve(pub, lending.pool, lending.cash.asset, treasury.address, await head());
const wethAsset = lending.reserves.find((r) => r.symbol === "WETH")!.asset;
const weth = async () => readReserve(pub, lending.pool, wethAsset, treasury.address, await head());
const ether = (n: number) => BigInt(Math.round(n * 1000)) * 10n ** 15n;
const moves = () => db.yieldMove.findMany({ orderBy: { proposedAt: "asc" } });

async function setWallet(amount: bigint) {
  const have = (await cash()).wallet;
  const wallet = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: treasury });
  if (have < amount) await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: lending.cash.asset, abi: testStablecoinAbi, functionName: "mint", args: [treasury.address, amount - have] }) });
  if (have > amount) await pub.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: lending.cash.asset, abi: erc20Abi, functionName: "transfer", args: [localAccount(5).address, have - amount] }) });
}

/** The treasury's WETH wallet set to `amount` by wrapping or unwrapping its ETH. */
async function setWeth(amount: bigint) {
  const have = (await weth()).wallet;
  if (have < amount) await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: wethAsset, abi: weth9Abi, functionName: "deposit", value: amount - have }) });
  if (have > amount) await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: wethAsset, abi: weth9Abi, functionName: "withdraw", args: [have - amount] }) });
}

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  signer = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: treasury });
  const local = await deployLocalContracts(chain.rpcUrl);
  const defi = await deployDefiContracts(chain.rpcUrl, local.contracts);
  const aave = await deployAaveContracts(chain.rpcUrl, { ...local.contracts, WETH: defi.contracts.WETH });
  expect(aave.contracts.AavePool).toBe(lending.pool);
});
afterAll(async () => {
  await db.$disconnect();
  await chain?.stop();
});
beforeEach(async () => {
  await db.$transaction([db.yieldMove.deleteMany(), db.lendingReserve.deleteMany(), db.treasuryControl.deleteMany()]);
  await treasuryControl(db, localWethUsdc());
  await db.treasuryControl.update({ where: { id: 1 }, data: { cashDays: 14, dailyCashUsdCents: 50_000 } }); // keep $7,000
});

describe("the treasury's lending on Aave V3", () => {
  it("reads the seeded market: USDC 60 % borrowed, suppliers earning less than borrowers pay", async () => {
    await setWallet(usdc(7_000));
    await pass();
    const rows = await db.lendingReserve.findMany({ orderBy: { symbol: "asc" } });
    expect(rows.map((r) => r.symbol)).toEqual(["USDC", "WETH"]);
    const u = rows[0]!;
    expect(u.utilisationBps).toBeGreaterThanOrEqual(5_990);
    expect(u.utilisationBps).toBeLessThanOrEqual(6_010);
    // Borrow APR 4 % × 0.6 / 0.9 = 2.67 %; suppliers get it × 60 % used × 90 % (reserve factor) = 1.44 %.
    expect(u.borrowApyBps).toBeGreaterThanOrEqual(268);
    expect(u.borrowApyBps).toBeLessThanOrEqual(271);
    expect(u.supplyApyBps).toBeGreaterThanOrEqual(143);
    expect(u.supplyApyBps).toBeLessThanOrEqual(146);
    expect(u.treasuryWallet.toFixed(0)).toBe(usdc(7_000).toString());
    expect(await db.yieldMove.count()).toBe(0); // at its target: nothing to propose
  });

  it("proposes lending the cash above 14 days, moves nothing until approved, then supplies it and earns interest", async () => {
    await setWallet(usdc(20_000));
    await pass();
    await pass(); // one open proposal at a time
    const [proposal, ...others] = await moves();
    expect(others).toHaveLength(0);
    expect(proposal).toMatchObject({ action: "SUPPLY", status: "PROPOSED" });
    expect(proposal!.amount.toFixed(0)).toBe(usdc(13_000).toString());
    expect(proposal!.reason).toContain("14 days of operating cash ($7,000.00)");
    expect((await cash()).supplied).toBe(0n);

    expect(await decideYieldMove(db, proposal!.id, true, "admin@gocoffee.test")).toBe(true);
    expect(await decideYieldMove(db, proposal!.id, false, "someone-else")).toBe(false); // decided once
    expect((await pass()).executed).toBe("done");
    const done = await db.yieldMove.findUniqueOrThrow({ where: { id: proposal!.id } });
    expect(done).toMatchObject({ status: "DONE", decidedBy: "admin@gocoffee.test" });
    expect(done.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const after = await cash();
    expect(after.wallet).toBe(usdc(7_000));
    expect(after.supplied).toBeGreaterThanOrEqual(usdc(13_000) - 1n);

    // 30 days later the aToken balance has grown by about 13,000 × 1.44 % × 30/365 ≈ $15.4.
    const test = createTestClient({ chain: anvil, transport: http(chain.rpcUrl), mode: "anvil" });
    await test.increaseTime({ seconds: 30 * 86_400 });
    await test.mine({ blocks: 1 });
    const interest = (await cash()).supplied - usdc(13_000);
    expect(interest).toBeGreaterThan(usdc(14));
    expect(interest).toBeLessThan(usdc(17));

    // The analyzer counts what is lent among the treasury's holdings (aUSDC at the USDC feed), and
    // records it again when its value moved by a cent, not at every block's second of interest.
    const tokens = [...localTokens(), ...(await lentTokens(pub))];
    expect(tokens.filter((t) => t.lent).map((t) => t.symbol)).toEqual(["aUSDC", "aWETH"]);
    const treasuryRows = (block: bigint) => db.walletBalance.findMany({ where: { chainId: 31337, wallet: treasury.address.toLowerCase(), blockNumber: block }, orderBy: { token: "asc" } });
    const read = await recordBalances(db, pub, 31337, treasury.address, tokens);
    const rows = await treasuryRows(read.blockNumber);
    const lent = rows.find((r) => r.token === "aUSDC")!;
    expect(BigInt(lent.amount.toFixed(0))).toBe(usdc(13_000) + interest);
    expect(lent.valueUsdCents).toBe((usdc(13_000) + interest) / 10_000n); // $1 a USDC at the local feed
    expect(rows.find((r) => r.token === "aWETH")?.amount.toFixed(0)).toBe("0");
    expect(rows.find((r) => r.token === "USDC")?.amount.toFixed(0)).toBe(usdc(7_000).toString());
    await test.mine({ blocks: 1 }); // a second's interest: under a cent
    expect((await recordBalances(db, pub, 31337, treasury.address, tokens)).written).toBe(0);
    await test.increaseTime({ seconds: 86_400 });
    await test.mine({ blocks: 1 }); // a day's: about 50 cents
    const later = await recordBalances(db, pub, 31337, treasury.address, tokens);
    expect(later.written).toBeGreaterThan(0);
    expect((await treasuryRows(later.blockNumber)).find((r) => r.token === "aUSDC")!.valueUsdCents).toBeGreaterThan(lent.valueUsdCents);
    expect(await db.yieldMove.count({ where: { status: "PROPOSED" } })).toBe(0);
  });

  it("brings cash back when the wallet runs short, and holds an approved move while the kill switch is on", async () => {
    await setWallet(usdc(2_000));
    await pass();
    const [withdraw] = await moves();
    expect(withdraw).toMatchObject({ action: "WITHDRAW", status: "PROPOSED" });
    expect(withdraw!.amount.toFixed(0)).toBe(usdc(5_000).toString());
    await decideYieldMove(db, withdraw!.id, true, "admin@gocoffee.test");
    await setKillSwitch(db, true);
    expect((await pass()).executed).toBe("held");
    expect((await cash()).wallet).toBe(usdc(2_000));
    await setKillSwitch(db, false);
    expect((await pass()).executed).toBe("done");
    expect((await cash()).wallet).toBe(usdc(7_000));
  });

  it("rejects, expires and fails moves without touching the chain", async () => {
    await setWallet(usdc(9_000));
    const now = new Date();
    const policy = { cashDays: 14, dailyCashUsdCents: 50_000, wethToKeep: null };
    const nine = { USDC: { wallet: usdc(9_000), supplied: 0n } };
    const first = await proposeYieldMove(db, lending, policy, nine, now);
    expect(first?.amount.toFixed(0)).toBe(usdc(2_000).toString());
    expect(await decideYieldMove(db, first!.id, false, "admin@gocoffee.test", now)).toBe(true);
    expect((await db.yieldMove.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("REJECTED");
    // Rejected: not asked again for a day, unless an admin changes the policy meanwhile.
    expect(await proposeYieldMove(db, lending, policy, nine, new Date(now.getTime() + 60_000))).toBeNull();
    const second = await proposeYieldMove(db, lending, { ...policy, cashPolicyAt: new Date(now.getTime() + 60_000) }, nine, new Date(now.getTime() + 120_000));
    expect(second?.status).toBe("PROPOSED");

    // Undecided for a day: it expires, and the next pass proposes afresh from the balances then.
    const later = new Date(now.getTime() + 120_000 + PROPOSAL_TTL_MS + 1);
    expect(await decideYieldMove(db, second!.id, true, "admin@gocoffee.test", later)).toBe(false);
    const third = await proposeYieldMove(db, lending, policy, nine, later);
    expect((await db.yieldMove.findUniqueOrThrow({ where: { id: second!.id } })).status).toBe("EXPIRED");

    // Approved, but the wallet was spent before the worker's turn: it fails with the reason.
    await decideYieldMove(db, third!.id, true, "admin@gocoffee.test", later);
    await setWallet(usdc(1_000));
    const wallet = (await cash()).wallet;
    expect((await pass()).executed).toBe("failed");
    const failed = await db.yieldMove.findUniqueOrThrow({ where: { id: third!.id } });
    expect(failed.failure).toMatch(/less than the 2000000000 approved/);
    expect((await cash()).wallet).toBe(wallet);
  });

  it("sends again a move that was signed and stored but never sent (the worker died), and records it once", async () => {
    await setWallet(usdc(8_000));
    await pass();
    const [move] = await moves();
    await decideYieldMove(db, move!.id, true, "admin@gocoffee.test");
    // What executeApprovedMove does up to the broadcast (the approval first), then "dies".
    await pub.waitForTransactionReceipt({ hash: await signer.writeContract({ address: lending.cash.asset, abi: erc20Abi, functionName: "approve", args: [lending.pool, 2n ** 255n] }) });
    const data = lendingCall("SUPPLY", lending.cash.asset, usdc(1_000), treasury.address);
    const signed = await signCall(pub, signer, { to: lending.pool, data, gas: 400_000n, deadline: 0n, amountIn: usdc(1_000) });
    await db.yieldMove.update({ where: { id: move!.id }, data: { status: "SIGNED", txHash: signed.txHash, rawTx: signed.rawTx, nonce: signed.nonce } });
    const supplied = (await cash()).supplied;

    expect(await resolveMoves(db, pub, lending, treasury.address)).toBe(0); // not on chain: the stored bytes are sent again
    await resolveMoves(db, pub, lending, treasury.address);
    expect((await db.yieldMove.findUniqueOrThrow({ where: { id: move!.id } })).status).toBe("DONE");
    await broadcast(pub, signed.rawTx); // a copy of the same bytes changes nothing
    await resolveMoves(db, pub, lending, treasury.address);
    // Once, not twice: 1,000 USDC more, give or take the interest the aTokens accrue meanwhile (about
    // 4 base units a second on ~9,000 USDC at 1.45 %: a slow run saw +4; a cent covers minutes).
    expect((await cash()).supplied - supplied).toBeGreaterThanOrEqual(usdc(1_000) - 1n);
    expect((await cash()).supplied - supplied).toBeLessThanOrEqual(usdc(1_000) + usdc(0.01));
  });
  it("lends the WETH above what an admin keeps, after the cash; a rejected cash move does not hold WETH's; turned off, the WETH comes back", async () => {
    const email = `yield-admin-${Date.now()}@example.test`;
    const actor = { id: (await db.user.create({ data: { email, name: "Yield Admin", role: "ADMIN" } })).id, email };
    await setWallet(usdc(7_000));
    await setWeth(ether(10));
    await pass();
    expect(await moves()).toHaveLength(0); // WETH is not lent until an admin says how much to keep

    await expect(updateCashPolicy(db, localWethUsdc(), actor, { wethToKeep: "2.5.1" })).rejects.toThrow(/a number of WETH like 2.5/);
    await expect(updateCashPolicy(db, localWethUsdc(), actor, { wethToKeep: "2000000" })).rejects.toThrow(/at most 1,000,000 WETH/);
    expect(await updateCashPolicy(db, localWethUsdc(), actor, { wethToKeep: " 2 " })).toBe("Lending policy: keep 14 days of $500, lend no WETH → keep 14 days of $500, keep 2 WETH and lend the rest");
    await pass();
    const [supply] = await moves();
    expect(supply).toMatchObject({ asset: wethAsset.toLowerCase(), action: "SUPPLY", status: "PROPOSED" });
    expect(supply!.amount.toFixed(0)).toBe(ether(8).toString());
    expect(supply!.reason).toBe("the wallet holds 10 WETH, more than the 2 WETH to keep: lend the rest");
    await decideYieldMove(db, supply!.id, true, email);
    expect((await pass()).executed).toBe("done");
    expect((await weth()).wallet).toBe(ether(2));
    expect((await weth()).supplied).toBeGreaterThanOrEqual(ether(8) - 1n);

    // Cash comes in: the cash's move is asked first. Rejected, it is not asked again today, and
    // WETH's own move (the bots sold some: below what is kept) is asked meanwhile.
    await setWallet(usdc(9_000));
    await setWeth(ether(1));
    await pass();
    const [cashMove] = await db.yieldMove.findMany({ where: { status: "PROPOSED" } });
    expect(cashMove).toMatchObject({ asset: lending.cash.asset.toLowerCase(), action: "SUPPLY" });
    await decideYieldMove(db, cashMove!.id, false, email);
    await pass();
    const [wethBack] = await db.yieldMove.findMany({ where: { status: "PROPOSED" } });
    expect(wethBack).toMatchObject({ asset: wethAsset.toLowerCase(), action: "WITHDRAW" });
    expect(wethBack!.amount.toFixed(0)).toBe(ether(1).toString());

    // Turned off (blank): the open proposal goes with the old policy; everything lent comes back.
    await setWallet(usdc(7_000));
    await updateCashPolicy(db, localWethUsdc(), actor, { wethToKeep: "" });
    expect((await db.yieldMove.findUniqueOrThrow({ where: { id: wethBack!.id } })).status).toBe("EXPIRED");
    await pass();
    const [home] = await db.yieldMove.findMany({ where: { status: "PROPOSED" } });
    expect(home).toMatchObject({ asset: wethAsset.toLowerCase(), action: "WITHDRAW" });
    expect(home!.reason).toMatch(/^WETH is no longer lent: bring 8(\.\d+)? WETH back$/);
    await decideYieldMove(db, home!.id, true, email);
    expect((await pass()).executed).toBe("done");
    expect((await weth()).wallet).toBeGreaterThanOrEqual(ether(9));
    expect((await weth()).supplied).toBeLessThan(10n ** 12n); // dust of interest accrued after the read, if any
    const audit = await db.auditEntry.findMany({ where: { actorId: actor.id, action: "treasury.cash-policy.updated" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.summary)).toEqual([
      "Lending policy: keep 14 days of $500, lend no WETH → keep 14 days of $500, keep 2 WETH and lend the rest",
      "Lending policy: keep 14 days of $500, keep 2 WETH and lend the rest → keep 14 days of $500, lend no WETH",
    ]);
  });
});
