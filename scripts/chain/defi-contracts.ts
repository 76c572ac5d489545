import { createRequire } from "node:module";
import {
  createTestClient,
  createWalletClient,
  maxUint256,
  parseEther,
  parseUnits,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { anvil } from "viem/chains";
import { erc20Abi, nonfungiblePositionManagerAbi, uniswapV2FactoryAbi, uniswapV2PairAbi, uniswapV3FactoryAbi, uniswapV3PoolAbi, weth9Abi } from "@/lib/defi/abis";
import { localAccount, LIQUIDITY_INDEX, TREASURY_INDEX } from "@/lib/defi/local-accounts";
import { FULL_RANGE, sqrtPriceX96For } from "@/lib/defi/uniswap-v3/math";
import { create2Deployer } from "./create2";
import { deployFeeTierPools, type FeeTierPools } from "./fee-tier-pools";
import { artifact, LOCAL_OWNER, LOCAL_PRICES } from "./local-contracts";

/**
 * The DeFi venues of the local chain, from the published npm artifacts (real bytecode, not
 * imitations): WETH9, Uniswap V3 (factory, SwapRouter, QuoterV2, NonfungiblePositionManager) and
 * Uniswap V2 (factory, Router02) as the second venue. Deployed through the same CREATE2 deployer as
 * the payment contracts under a salt of their own, so addresses are fixed and a second run is a
 * no-op; pools are created by the factories (deterministic CREATE2 too). Liquidity is added only to
 * an empty pool, by a liquidity account of our own (anvil mnemonic index 21), so re-running never
 * moves a price that a test or the demo has set.
 */

const require = createRequire(import.meta.url);
export { localAccount, LIQUIDITY_INDEX, TREASURY_INDEX, WHALE_INDEX } from "@/lib/defi/local-accounts";

/** The seeded pools: WETH/USDC at 3000 USD on V3 (0.05 % tier) and V2 (0.3 %), full range. */
export const SEED = {
  v3: { fee: 500, weth: parseEther("500"), usdc: parseUnits(String(500n * LOCAL_PRICES.ETH_USD), 6) },
  v2: { weth: parseEther("200"), usdc: parseUnits(String(200n * LOCAL_PRICES.ETH_USD), 6) },
} as const;

type NpmArtifact = { abi: Abi; bytecode: Hex };
function npmArtifact(path: string): NpmArtifact {
  const a = require(path) as { abi: Abi; bytecode: string };
  return { abi: a.abi, bytecode: (a.bytecode.startsWith("0x") ? a.bytecode : `0x${a.bytecode}`) as Hex };
}
const ART = {
  WETH9: () => npmArtifact("@uniswap/v2-periphery/build/WETH9.json"),
  V2Factory: () => npmArtifact("@uniswap/v2-core/build/UniswapV2Factory.json"),
  V2Router: () => npmArtifact("@uniswap/v2-periphery/build/UniswapV2Router02.json"),
  V3Factory: () => npmArtifact("@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json"),
  SwapRouter: () => npmArtifact("@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json"),
  QuoterV2: () => npmArtifact("@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json"),
  PositionManager: () => npmArtifact("@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json"),
};

export type DefiContracts = FeeTierPools & {
  WETH: Address;
  UniswapV3Factory: Address;
  UniswapV3SwapRouter: Address;
  UniswapV3QuoterV2: Address;
  UniswapV3PositionManager: Address;
  UniswapV3Pool_WETH_USDC_500: Address;
  UniswapV2Factory: Address;
  UniswapV2Router: Address;
  UniswapV2Pair_WETH_USDC: Address;
  ArbExecutor: Address;
};

/** The local tokens the pools hold (scripts/chain/local-contracts.ts). */
export type PoolTokens = { USDC: Address; USDT: Address; DAI: Address };

export async function deployDefiContracts(rpcUrl: string, tokens: PoolTokens): Promise<{ contracts: DefiContracts; deployed: string[] }> {
  const usdc = tokens.USDC;
  const { transport, pub, owner, deployed, wait, create2: deploy } = create2Deployer(rpcUrl, "go-coffee.defi.v1", 8_000_000n);
  const create2 = (label: string, a: NpmArtifact, types: { type: string }[] = [], values: unknown[] = []) => deploy(label, a.bytecode, types, values);
  const lpAccount = localAccount(LIQUIDITY_INDEX);
  const lp = createWalletClient({ chain: anvil, transport, account: lpAccount });

  const addr = { type: "address" };
  const WETH = await create2("WETH9", ART.WETH9());
  const UniswapV3Factory = await create2("UniswapV3Factory", ART.V3Factory());
  const UniswapV3SwapRouter = await create2("SwapRouter", ART.SwapRouter(), [addr, addr], [UniswapV3Factory, WETH]);
  const UniswapV3QuoterV2 = await create2("QuoterV2", ART.QuoterV2(), [addr, addr], [UniswapV3Factory, WETH]);
  const UniswapV3PositionManager = await create2("NonfungiblePositionManager", ART.PositionManager(), [addr, addr, addr], [UniswapV3Factory, WETH, zeroAddress]);
  const UniswapV2Factory = await create2("UniswapV2Factory", ART.V2Factory(), [addr], [LOCAL_OWNER]);
  const UniswapV2Router = await create2("UniswapV2Router02", ART.V2Router(), [addr, addr], [UniswapV2Factory, WETH]);
  // Ours (contracts/src/ArbExecutor.sol): both legs in one transaction, owned by the treasury account.
  const ArbExecutor = await create2("ArbExecutor", artifact("ArbExecutor"), [addr, addr, addr], [localAccount(TREASURY_INDEX).address, UniswapV3SwapRouter, UniswapV2Router]);

  // Pools (created by the factories, so their addresses are fixed too).
  let pool = await pub.readContract({ address: UniswapV3Factory, abi: uniswapV3FactoryAbi, functionName: "getPool", args: [WETH, usdc, SEED.v3.fee] });
  if (pool === zeroAddress) {
    await wait(await owner.writeContract({ address: UniswapV3Factory, abi: uniswapV3FactoryAbi, functionName: "createPool", args: [WETH, usdc, SEED.v3.fee] }), "createPool");
    pool = await pub.readContract({ address: UniswapV3Factory, abi: uniswapV3FactoryAbi, functionName: "getPool", args: [WETH, usdc, SEED.v3.fee] });
    deployed.push("V3 pool WETH/USDC 0.05%");
  }
  let pair = await pub.readContract({ address: UniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [WETH, usdc] });
  if (pair === zeroAddress) {
    await wait(await owner.writeContract({ address: UniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "createPair", args: [WETH, usdc] }), "createPair");
    pair = await pub.readContract({ address: UniswapV2Factory, abi: uniswapV2FactoryAbi, functionName: "getPair", args: [WETH, usdc] });
    deployed.push("V2 pair WETH/USDC");
  }

  const [slot0, v3Liquidity] = await Promise.all([
    pub.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "slot0" }),
    pub.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "liquidity" }),
  ]);
  const [, , v2Last] = await pub.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: "getReserves" });
  const needV3 = v3Liquidity === 0n;
  const needV2 = v2Last === 0;
  if (needV3 || needV2) {
    // The liquidity account gets its ETH from anvil itself (nobody else's balance is spent).
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: lpAccount.address, value: parseEther("10000") });
    const wethNeeded = (needV3 ? SEED.v3.weth : 0n) + (needV2 ? SEED.v2.weth : 0n);
    const usdcNeeded = (needV3 ? SEED.v3.usdc : 0n) + (needV2 ? SEED.v2.usdc : 0n);
    await wait(await lp.writeContract({ address: WETH, abi: weth9Abi, functionName: "deposit", value: wethNeeded }), "WETH deposit");
    await wait(await lp.writeContract({ address: usdc, abi: mintableAbi, functionName: "mint", args: [lpAccount.address, usdcNeeded] }), "USDC mint");
  }
  const [token0, token1] = WETH.toLowerCase() < usdc.toLowerCase() ? [WETH, usdc] : [usdc, WETH];
  if (needV3) {
    if (slot0[0] === 0n) {
      const sqrtPriceX96 = sqrtPriceX96For({ token0IsWeth: token0 === WETH, usdPerEth: LOCAL_PRICES.ETH_USD });
      await wait(await owner.writeContract({ address: pool, abi: uniswapV3PoolAbi, functionName: "initialize", args: [sqrtPriceX96] }), "pool initialize");
    }
    for (const token of [WETH, usdc]) {
      await wait(await lp.writeContract({ address: token, abi: erc20Abi, functionName: "approve", args: [UniswapV3PositionManager, maxUint256] }), "approve");
    }
    const [amount0, amount1] = token0 === WETH ? [SEED.v3.weth, SEED.v3.usdc] : [SEED.v3.usdc, SEED.v3.weth];
    await wait(
      await lp.writeContract({
        address: UniswapV3PositionManager,
        abi: nonfungiblePositionManagerAbi,
        functionName: "mint",
        args: [{ token0, token1, fee: SEED.v3.fee, tickLower: -FULL_RANGE[SEED.v3.fee], tickUpper: FULL_RANGE[SEED.v3.fee], amount0Desired: amount0, amount1Desired: amount1, amount0Min: 0n, amount1Min: 0n, recipient: lpAccount.address, deadline: 2n ** 40n }],
        gas: 1_000_000n,
      }),
      "V3 mint",
    );
    deployed.push("V3 liquidity");
  }
  if (needV2) {
    // Straight into the pair and mint: what Router02.addLiquidity does for a fresh pair.
    await wait(await lp.writeContract({ address: WETH, abi: erc20Abi, functionName: "transfer", args: [pair, SEED.v2.weth] }), "WETH to pair");
    await wait(await lp.writeContract({ address: usdc, abi: erc20Abi, functionName: "transfer", args: [pair, SEED.v2.usdc] }), "USDC to pair");
    await wait(await lp.writeContract({ address: pair, abi: uniswapV2PairAbi, functionName: "mint", args: [lpAccount.address] }), "V2 mint");
    deployed.push("V2 liquidity");
  }

  // The local treasury pays its own gas for live trades (its USDC comes from the faucet as it trades).
  const treasury = localAccount(TREASURY_INDEX).address;
  if ((await pub.getBalance({ address: treasury })) < parseEther("1")) {
    await createTestClient({ chain: anvil, transport, mode: "anvil" }).setBalance({ address: treasury, value: parseEther("100") });
  }

  // The other fee tiers and the stablecoin pools (after the desk's pools, whose addresses they leave alone).
  const more = await deployFeeTierPools({ pub, owner, wait, deployed, transport }, { factory: UniswapV3Factory, positionManager: UniswapV3PositionManager, WETH, ...tokens });

  return {
    contracts: { WETH, UniswapV3Factory, UniswapV3SwapRouter, UniswapV3QuoterV2, UniswapV3PositionManager, UniswapV3Pool_WETH_USDC_500: pool, ...more, UniswapV2Factory, UniswapV2Router, UniswapV2Pair_WETH_USDC: pair, ArbExecutor },
    deployed,
  };
}

const mintableAbi = [{ type: "function", name: "mint", stateMutability: "nonpayable", inputs: [{ name: "to", type: "address" }, { name: "amount", type: "uint256" }], outputs: [] }] as const;
