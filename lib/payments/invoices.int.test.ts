import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, parseUnits, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { DomainError } from "@/lib/errors";
import { priceFeedAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { placeOrder } from "@/lib/orders/place-order";
import { seed } from "@/prisma/seed";
import { deployLocalContracts, LOCAL_OWNER } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";
import { readRound } from "./feeds";
import { feeCents, GAS, paymentOptions } from "./fees";
import { createInvoice } from "./invoices";

/** Invoice creation against PostgreSQL and a private anvil's price feeds: quotes, reuse, refusals. */

const db = createDb(env().DATABASE_URL, 4);
const SFO = "sfo-terminal-2";
let chain: PrivateAnvil;
let client: PublicClient;

beforeAll(async () => {
  chain = await startPrivateAnvil();
  client = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) }) as PublicClient;
  await deployLocalContracts(chain.rpcUrl);
  await seed(db, { historyDays: 0 });
});
afterAll(async () => {
  await chain?.stop();
  await db.$disconnect();
});

const deps = { enabledChains: [anvil.id], ttlSeconds: 900, readRound: (_id: number, feed: `0x${string}`) => readRound(client, feed) };
const order = async (paymentMethod: "CRYPTO" | "PAY_AT_PICKUP" = "CRYPTO") =>
  (await placeOrder(db, { shop: SFO, customerName: "Ada", paymentMethod, items: [{ product: "caffe-latte", quantity: 2 }] })).order;

async function refused(orderId: string, body: unknown, code: string, message: string | RegExp) {
  const before = await db.invoice.count();
  const error = await createInvoice(db, orderId, body, deps).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  expect((error as DomainError).message).toMatch(message);
  expect(await db.invoice.count()).toBe(before);
}

async function setEthPrice(usd: string, updatedAt?: bigint) {
  const wallet = createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account: LOCAL_OWNER });
  const hash = updatedAt
    ? await wallet.writeContract({ address: localDeployment.contracts.ETH_USD, abi: priceFeedAbi, functionName: "setRound", args: [parseUnits(usd, 8), updatedAt] })
    : await wallet.writeContract({ address: localDeployment.contracts.ETH_USD, abi: priceFeedAbi, functionName: "setAnswer", args: [parseUnits(usd, 8)] });
  await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
}

describe("paymentOptions", () => {
  it("lists the enabled chain's tokens with fee estimates from the chain's gas price and ETH feed", async () => {
    const [local, ...rest] = await paymentOptions([31337, 8453], { client: () => client, readRound: (_id, feed) => readRound(client, feed) });
    expect(rest).toEqual([]); // Base has no router deployed: not offered
    expect(local).toMatchObject({ chainId: 31337, chainName: "Anvil" });
    expect(local!.tokens.map((t) => [t.symbol, t.approveResetRequired])).toEqual([["ETH", false], ["USDC", false], ["USDT", true]]);
    const { maxFeePerGas } = await client.estimateFeesPerGas();
    const round = await readRound(client, localDeployment.contracts.ETH_USD);
    expect(local!.tokens[1]!.fee).toEqual({ payCents: feeCents(GAS.payToken, maxFeePerGas, round), approveCents: feeCents(GAS.approve, maxFeePerGas, round) });
    expect(local!.tokens[0]!.fee!.approveCents).toBe(0);
  });
});

describe("createInvoice", () => {
  it("quotes ETH from the feed and USDC at par, locked for the TTL, with the shop's rules snapshotted", async () => {
    const placed = await order();
    const now = new Date();
    const { invoice, created } = await createInvoice(db, placed.id, { chainId: 31337, token: "eth" }, { ...deps, now });
    expect(created).toBe(true);
    // total / 3000 USD per ETH, in wei, rounded up
    const expected = (BigInt(placed.totalCents) * 10n ** 18n * 10n ** 8n + 100n * 3000n * 10n ** 8n - 1n) / (100n * 3000n * 10n ** 8n);
    expect(invoice).toMatchObject({ status: "NEW", token: "ETH", tokenAddress: null, decimals: 18, amountDue: expected.toString(), amountCents: placed.totalCents, display: { rate: "1 ETH = $3000.00" } });
    expect(new Date(invoice.expiresAt).getTime()).toBe(now.getTime() + 900_000);
    expect(invoice.secondsLeft).toBeGreaterThan(890); // as of the answer: pages count down from it
    expect(invoice.secondsLeft).toBeLessThanOrEqual(900);
    expect(invoice.reference).toMatch(/^0x[0-9a-f]{64}$/);
    expect(invoice.payTo).toBe("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
    expect(invoice.payWith?.pay).toMatch(new RegExp(`^ethereum:${localDeployment.contracts.PaymentRouter}@31337/payNative\\?bytes32=${invoice.reference}&address=0xa0Ee7A142d267C1f36714E4a8F75612F20a79720&value=${expected}$`));

    // The same token again: the same invoice. Another token: a new quote replaces the unpaid one.
    const again = await createInvoice(db, placed.id, { chainId: 31337, token: "ETH" }, deps);
    expect(again).toMatchObject({ created: false, invoice: { id: invoice.id } });
    const usdc = await createInvoice(db, placed.id, { chainId: 31337, token: "USDC" }, deps);
    expect(usdc.invoice).toMatchObject({ token: "USDC", amountDue: String(placed.totalCents * 10_000), display: { rate: "1 USDC = $1.00" } });
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("EXPIRED");
  });

  it("asks for the tip too: the invoice's amount is the order's total, tip included", async () => {
    const { order: placed } = await placeOrder(db, { shop: SFO, customerName: "Ada", paymentMethod: "CRYPTO", tip: { percent: 20 }, items: [{ product: "caffe-latte", quantity: 2 }] });
    const row = await db.order.findUniqueOrThrow({ where: { id: placed.id } });
    expect(row.tipCents).toBe(Math.round(row.subtotalCents / 5));
    const { invoice } = await createInvoice(db, placed.id, { chainId: 31337, token: "USDC" }, deps);
    expect(invoice).toMatchObject({ amountCents: row.totalCents, amountDue: String(row.totalCents * 10_000) });
    expect(row.totalCents).toBe(row.subtotalCents + row.taxCents + row.tipCents);
  });

  it("refuses bad input, other chains and tokens, orders that are not waiting for a crypto payment", async () => {
    const placed = await order();
    await refused(placed.id, { chainId: 1, token: "USDC" }, "invalid", "Payments on chain 1 are not offered here. Choose Anvil (31337).");
    await refused(placed.id, { chainId: 31337, token: "DOGE" }, "invalid", "DOGE is not offered on Anvil. Choose ETH, USDC, USDT.");
    await refused(placed.id, { chainId: "31337", token: "USDC" }, "invalid", /chainId must be a number/);
    await refused(placed.id, { chainId: 31337, token: "USDC", amount: 1 }, "invalid", /Unrecognized key/i);
    await refused("0196a5a0-0000-7000-8000-000000000000", { chainId: 31337, token: "USDC" }, "not_found", "There is no such order.");
    const atPickup = await order("PAY_AT_PICKUP");
    await refused(atPickup.id, { chainId: 31337, token: "USDC" }, "conflict", "This order is paid at pickup, not with a wallet.");
    await db.order.update({ where: { id: placed.id }, data: { status: "CANCELLED" } });
    await refused(placed.id, { chainId: 31337, token: "USDC" }, "conflict", "This order was cancelled.");
  });

  it("refuses stale and implausible prices with a sentence", async () => {
    const placed = await order();
    await setEthPrice("3000", BigInt(Math.floor(Date.now() / 1000) - 2 * 86_400));
    await refused(placed.id, { chainId: 31337, token: "ETH" }, "unavailable", "The ETH price is out of date (last updated 2 days ago). Please try again shortly or choose another token.");
    await setEthPrice("5");
    await refused(placed.id, { chainId: 31337, token: "ETH" }, "unavailable", /ETH price feed reports \$5.00, which is not plausible/);
    await setEthPrice("3000");
    await expect(createInvoice(db, placed.id, { chainId: 31337, token: "ETH" }, deps)).resolves.toMatchObject({ created: true });
  });

  it("refuses crypto orders at a shop without a receiving wallet", async () => {
    await db.shop.update({ where: { slug: SFO }, data: { receivingWallet: null } });
    try {
      await expect(order()).rejects.toThrow("Go Coffee SFO Terminal 2 does not take crypto payments. Please choose pay at pickup.");
    } finally {
      await db.shop.update({ where: { slug: SFO }, data: { receivingWallet: "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720" } });
    }
  });
});
