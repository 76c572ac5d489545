import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeEventLog,
  encodeFunctionData,
  http,
  parseEther,
  parseUnits,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { anvil } from "viem/chains";
import { paymentRouterAbi, priceFeedAbi, testStablecoinAbi, testTetherTokenAbi } from "@/lib/chain/abis.generated";
import { localDeployment } from "@/lib/chain/deployments.local";
import { GAS } from "@/lib/payments/fees";
import { artifact, deployLocalContracts, LOCAL_OWNER } from "@/scripts/chain/local-contracts";
import { startPrivateAnvil, type PrivateAnvil } from "@/scripts/testing/private-anvil";

/**
 * The payment router and the local test contracts on a private anvil: happy paths, every revert
 * path of the router, reentrancy, and the USDT quirks the router must survive.
 */

let chain: PrivateAnvil;
let pub: ReturnType<typeof createPublicClient>;
let c: Awaited<ReturnType<typeof deployLocalContracts>>["contracts"];
const PAYER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"; // anvil #1
const SHOP: Address = "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"; // anvil #7
const STRANGER: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"; // anvil #2
const REF = `0x${"ab".repeat(32)}` as Hex;

const wallet = (account: Address) => createWalletClient({ chain: anvil, transport: http(chain.rpcUrl), account });

beforeAll(async () => {
  chain = await startPrivateAnvil();
  pub = createPublicClient({ chain: anvil, transport: http(chain.rpcUrl) });
  c = (await deployLocalContracts(chain.rpcUrl)).contracts;
});
afterAll(() => chain?.stop());

/** The custom error name a call reverts with (simulated, so nothing is mined). */
async function revertName(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (error instanceof BaseError) {
      const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
      if (revert instanceof ContractFunctionRevertedError) return revert.data?.errorName ?? revert.reason ?? "unknown revert";
      return error.shortMessage;
    }
    throw error;
  }
  throw new Error("expected a revert");
}

/** The router's ABI plus the tokens' errors, so a token's revert inside a payment decodes by name. */
const routerAndTokenErrors = [...paymentRouterAbi, ...testStablecoinAbi.filter((item) => item.type === "error")];
const simulate = (account: Address, functionName: "payNative" | "payToken", args: readonly unknown[], value?: bigint) =>
  // The ABI union is too wide for viem's inference; the arguments are checked at run time by the node.
  pub.simulateContract({ address: c.PaymentRouter, abi: routerAndTokenErrors, functionName, args, account, value } as never);

async function mined(hash: Hex) {
  const receipt = await pub.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  expect(receipt.status).toBe("success");
  return receipt;
}

function paymentEvent(receipt: Awaited<ReturnType<typeof mined>>) {
  const log = receipt.logs.find((l) => l.address.toLowerCase() === c.PaymentRouter.toLowerCase());
  expect(log).toBeDefined();
  return decodeEventLog({ abi: paymentRouterAbi, data: log!.data, topics: log!.topics, eventName: "Payment" }).args;
}

describe("deployment", () => {
  it("lands at the committed CREATE2 addresses and is idempotent", async () => {
    // The payment contracts this deploys are at their committed addresses (the treasury desk's venues, deployed by scripts/chain/defi-contracts.ts, are listed there too).
    expect(localDeployment.contracts).toMatchObject(c);
    expect(Object.keys(c).sort()).toEqual(["DAI", "DAI_USD", "ETH_USD", "PaymentRouter", "USDC", "USDC_USD", "USDT", "USDT_USD"]);
    expect((await deployLocalContracts(chain.rpcUrl)).deployed).toEqual([]);
    expect(await pub.readContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "owner" })).toBe(LOCAL_OWNER);
    expect(await pub.readContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "acceptedTokens", args: [c.USDC] })).toBe(true);
    expect(await pub.readContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "decimals" })).toBe(6);
    expect(await pub.readContract({ address: c.USDT, abi: testTetherTokenAbi, functionName: "decimals" })).toBe(6);
  });

  it("price feeds implement AggregatorV3Interface", async () => {
    const [roundId, answer, , updatedAt, answeredInRound] = await pub.readContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "latestRoundData" });
    expect(answer).toBe(parseUnits("3000", 8));
    expect(answeredInRound).toBe(roundId);
    expect(updatedAt).toBeGreaterThan(0n);
    expect(await pub.readContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "decimals" })).toBe(8);
    await mined(await wallet(STRANGER).writeContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "setRound", args: [parseUnits("2500", 8), 1_000n] }));
    const [newRound, newAnswer, , newUpdated] = await pub.readContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "latestRoundData" });
    expect([newRound, newAnswer, newUpdated]).toEqual([roundId + 1n, parseUnits("2500", 8), 1_000n]);
    expect((await pub.readContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "getRoundData", args: [roundId] }))[1]).toBe(answer);
    expect(await revertName(() => pub.readContract({ address: c.ETH_USD, abi: priceFeedAbi, functionName: "getRoundData", args: [999n] }))).toBe("NoData");
  });
});

describe("payNative", () => {
  it("forwards the value to the shop in the same transaction and emits the reference", async () => {
    const before = await pub.getBalance({ address: SHOP });
    const receipt = await mined(await wallet(PAYER).writeContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "payNative", args: [REF, SHOP], value: parseEther("0.01") }));
    expect(await pub.getBalance({ address: SHOP })).toBe(before + parseEther("0.01"));
    expect(receipt.gasUsed).toBeLessThanOrEqual(GAS.payNative);
    expect(await pub.getBalance({ address: c.PaymentRouter })).toBe(0n);
    expect(paymentEvent(receipt)).toEqual({ paymentRef: REF, payer: PAYER, token: zeroAddress, to: SHOP, amount: parseEther("0.01") });
  });

  it("rejects a zero amount, a zero reference and a zero recipient", async () => {
    expect(await revertName(() => simulate(PAYER, "payNative", [REF, SHOP], 0n))).toBe("ZeroAmount");
    expect(await revertName(() => simulate(PAYER, "payNative", [`0x${"00".repeat(32)}`, SHOP], 1n))).toBe("ZeroReference");
    expect(await revertName(() => simulate(PAYER, "payNative", [REF, zeroAddress], 1n))).toBe("ZeroRecipient");
  });

  it("fails as a whole when the recipient refuses the coin", async () => {
    const { contractAddress } = await mined(await wallet(STRANGER).deployContract({ abi: artifact("RejectingReceiver").abi, bytecode: artifact("RejectingReceiver").bytecode }));
    expect(await revertName(() => simulate(PAYER, "payNative", [REF, contractAddress!], 1n))).toBe("NativeTransferFailed");
  });

  it("refuses reentry from the recipient", async () => {
    const receiver = artifact("ReentrantReceiver");
    // Bubbling: the reentrant call reverts, so the forward fails and the payment with it.
    const bubbling = await mined(await wallet(STRANGER).deployContract({ abi: receiver.abi, bytecode: receiver.bytecode, args: [c.PaymentRouter, false] }));
    expect(await revertName(() => simulate(PAYER, "payNative", [REF, bubbling.contractAddress!], 1n))).toBe("NativeTransferFailed");
    // Swallowing: the payment completes and the receiver saw ReentrancyGuardReentrantCall().
    const swallowing = await mined(await wallet(STRANGER).deployContract({ abi: receiver.abi, bytecode: receiver.bytecode, args: [c.PaymentRouter, true] }));
    await mined(await wallet(PAYER).writeContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "payNative", args: [REF, swallowing.contractAddress!], value: 5n }));
    const lastError = await pub.readContract({ address: swallowing.contractAddress!, abi: receiver.abi, functionName: "lastError" });
    expect(lastError).toBe("0x3ee5aeb5"); // selector of ReentrancyGuardReentrantCall()
  });

  it("does not accept coins sent to it directly (they could never leave)", async () => {
    await expect(pub.call({ account: PAYER, to: c.PaymentRouter, value: 1n })).rejects.toThrow(/revert/i);
  });
});

describe("payToken", () => {
  it("moves USDC from the payer to the shop and emits the payment", async () => {
    const amount = parseUnits("4.75", 6);
    await mined(await wallet(PAYER).writeContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER, amount] }));
    const approval = await mined(await wallet(PAYER).writeContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "approve", args: [c.PaymentRouter, amount] }));
    expect(approval.gasUsed).toBeLessThanOrEqual(GAS.approve);
    const receipt = await mined(await wallet(PAYER).writeContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "payToken", args: [REF, c.USDC, amount, SHOP] }));
    expect(await pub.readContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "balanceOf", args: [SHOP] })).toBe(amount);
    expect(await pub.readContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "balanceOf", args: [c.PaymentRouter] })).toBe(0n);
    expect(paymentEvent(receipt)).toEqual({ paymentRef: REF, payer: PAYER, token: c.USDC, to: SHOP, amount });
    // The fee estimates (lib/payments/fees.ts) are upper bounds of the real calls.
    expect(receipt.gasUsed).toBeLessThanOrEqual(GAS.payToken);
  });

  it("works with USDT, which returns nothing from transferFrom and wants allowances reset to 0", async () => {
    const amount = parseUnits("3", 6);
    const usdt = (fn: "mint" | "approve", args: readonly [Address, bigint]) => wallet(PAYER).writeContract({ address: c.USDT, abi: testTetherTokenAbi, functionName: fn, args });
    await mined(await usdt("mint", [PAYER, amount * 2n]));
    await mined(await usdt("approve", [c.PaymentRouter, 1n]));
    // The quirk the checkout has to handle: non-zero to non-zero is refused.
    await expect(pub.simulateContract({ address: c.USDT, abi: testTetherTokenAbi, functionName: "approve", args: [c.PaymentRouter, amount], account: PAYER })).rejects.toThrow(/reset allowance to 0 first/);
    await mined(await usdt("approve", [c.PaymentRouter, 0n]));
    await mined(await usdt("approve", [c.PaymentRouter, amount]));
    const receipt = await mined(await wallet(PAYER).writeContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "payToken", args: [REF, c.USDT, amount, SHOP] }));
    expect(paymentEvent(receipt).amount).toBe(amount);
    expect(await pub.readContract({ address: c.USDT, abi: testTetherTokenAbi, functionName: "balanceOf", args: [SHOP] })).toBe(amount);
  });

  it("rejects zero amounts, unknown tokens, the native pseudo-token, zero references and recipients", async () => {
    expect(await revertName(() => simulate(PAYER, "payToken", [REF, c.USDC, 0n, SHOP]))).toBe("ZeroAmount");
    expect(await revertName(() => simulate(PAYER, "payToken", [REF, c.ETH_USD, 1n, SHOP]))).toBe("TokenNotAccepted");
    expect(await revertName(() => simulate(PAYER, "payToken", [REF, zeroAddress, 1n, SHOP]))).toBe("TokenNotAccepted");
    expect(await revertName(() => simulate(PAYER, "payToken", [`0x${"00".repeat(32)}`, c.USDC, 1n, SHOP]))).toBe("ZeroReference");
    expect(await revertName(() => simulate(PAYER, "payToken", [REF, c.USDC, 1n, zeroAddress]))).toBe("ZeroRecipient");
  });

  it("fails without allowance or balance (the token's own errors come through)", async () => {
    expect(await revertName(() => simulate(STRANGER, "payToken", [REF, c.USDC, 1n, SHOP]))).toBe("ERC20InsufficientAllowance");
    await mined(await wallet(STRANGER).writeContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "approve", args: [c.PaymentRouter, 10n] }));
    expect(await revertName(() => simulate(STRANGER, "payToken", [REF, c.USDC, 10n, SHOP]))).toBe("ERC20InsufficientBalance");
    await expect(simulate(STRANGER, "payToken", [REF, c.USDT, 1n, SHOP])).rejects.toThrow(/USDT: allowance/);
  });

  it("refuses value sent with a token payment (payToken is not payable)", async () => {
    const amount = 2n;
    await mined(await wallet(PAYER).writeContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "mint", args: [PAYER, amount] }));
    await mined(await wallet(PAYER).writeContract({ address: c.USDC, abi: testStablecoinAbi, functionName: "approve", args: [c.PaymentRouter, amount] }));
    const data = encodeFunctionData({ abi: paymentRouterAbi, functionName: "payToken", args: [REF, c.USDC, amount, SHOP] });
    await expect(pub.call({ account: PAYER, to: c.PaymentRouter, data })).resolves.toBeDefined();
    await expect(pub.call({ account: PAYER, to: c.PaymentRouter, data, value: 1n })).rejects.toThrow(/revert/i);
  });
});

describe("owner controls", () => {
  it("only the owner changes the token list; a removed token is refused", async () => {
    const setToken = (account: Address, accepted: boolean) =>
      pub.simulateContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "setToken", args: [c.USDT, accepted], account });
    expect(await revertName(() => setToken(STRANGER, false))).toBe("OwnableUnauthorizedAccount");
    expect(await revertName(() => pub.simulateContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "setToken", args: [zeroAddress, true], account: LOCAL_OWNER }))).toBe("TokenNotAccepted");
    const test = createTestClient({ chain: anvil, mode: "anvil", transport: http(chain.rpcUrl) });
    const snapshot = await test.snapshot();
    await mined(await wallet(LOCAL_OWNER).writeContract({ address: c.PaymentRouter, abi: paymentRouterAbi, functionName: "setToken", args: [c.USDT, false] }));
    expect(await revertName(() => simulate(PAYER, "payToken", [REF, c.USDT, 1n, SHOP]))).toBe("TokenNotAccepted");
    await test.revert({ id: snapshot });
  });
});
