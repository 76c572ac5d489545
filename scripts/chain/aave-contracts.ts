import { createRequire } from "node:module";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  maxUint256,
  parseEther,
  parseUnits,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { anvil } from "viem/chains";
import { aavePoolAbi, erc20Abi, weth9Abi } from "@/lib/defi/abis";
import { BORROWER_INDEX, localAccount, LIQUIDITY_INDEX } from "@/lib/defi/local-accounts";
import { testStablecoinAbi } from "@/lib/chain/abis.generated";
import { create2Deployer } from "./create2";
import { artifact, LOCAL_OWNER } from "./local-contracts";

/**
 * Aave V3 on the local chain, from @aave/core-v3's published artifacts (real bytecode; the order
 * is @aave/deploy-v3's): the logic libraries (linked into Pool and PoolConfigurator), the
 * addresses provider, ACL manager, Pool and configurator behind the provider's proxies, AaveOracle
 * on the local Chainlink-interface feeds (through contracts/src/AaveFeedAdapter.sol: the oracle
 * reads the legacy latestAnswer), the data provider, token implementations and one interest-rate
 * strategy per reserve; then WETH (collateral) and USDC (borrowable) are listed.
 *
 * Fixed addresses: every contract through the CREATE2 deployer under a salt of its own; the proxies
 * and aTokens are created by the provider and configurator in a fixed order. A second run is a no-op.
 *
 * So that supplying earns something, a borrower (anvil mnemonic index 23) posts WETH and borrows
 * USDC that the liquidity account supplied: the USDC reserve starts ~60 % utilised.
 */

const require = createRequire(import.meta.url);
const RAY = 10n ** 27n;
const ray = (percent: number) => (BigInt(Math.round(percent * 100)) * RAY) / 10_000n;

/** The seeded market: USDC lent and borrowed, WETH posted as collateral. */
export const AAVE_SEED = {
  usdcSupplied: parseUnits("1000000", 6),
  usdcBorrowed: parseUnits("600000", 6),
  wethCollateral: parseEther("500"),
} as const;

type Artifact = { abi: Abi; bytecode: Hex; linkReferences?: Record<string, Record<string, { start: number; length: number }[]>> };
function aave(path: string): Artifact {
  return require(`@aave/core-v3/artifacts/contracts/${path}.json`) as Artifact;
}
/** Bytecode with each library placeholder replaced by the library's address (hardhat's link references). */
function linked(a: Artifact, libraries: Record<string, Address>): Hex {
  let code = a.bytecode.slice(2);
  for (const refs of Object.values(a.linkReferences ?? {})) {
    for (const [name, places] of Object.entries(refs)) {
      const address = libraries[name];
      if (!address) throw new Error(`library ${name} is not deployed`);
      for (const { start, length } of places) code = code.slice(0, start * 2) + address.slice(2).toLowerCase() + code.slice((start + length) * 2);
    }
  }
  return `0x${code}`;
}

const providerAbi = aave("protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider").abi;
const aclAbi = aave("protocol/configuration/ACLManager.sol/ACLManager").abi;
const configuratorAbi = aave("protocol/pool/PoolConfigurator.sol/PoolConfigurator").abi;

export type AaveContracts = { AavePoolAddressesProvider: Address; AavePool: Address; AaveOracle: Address; AaveDataProvider: Address };

export async function deployAaveContracts(rpcUrl: string, tokens: { USDC: Address; WETH: Address; ETH_USD: Address; USDC_USD: Address }): Promise<{ contracts: AaveContracts; deployed: string[] }> {
  const { pub, owner, deployed, wait, create2 } = create2Deployer(rpcUrl, "go-coffee.aave.v1", 16_000_000n);
  const read = (address: Address, abi: Abi, functionName: string, args: unknown[] = []) => pub.readContract({ address, abi, functionName, args });
  const write = async (address: Address, abi: Abi, functionName: string, args: unknown[], label = functionName) =>
    wait(await owner.writeContract({ address, abi, functionName, args, gas: 12_000_000n }), label);
  const addr = { type: "address" };

  // Libraries first (FlashLoanLogic links BorrowLogic), then the contracts that link them.
  const lib = (name: string) => aave(`protocol/libraries/logic/${name}.sol/${name}`);
  const libraries: Record<string, Address> = {};
  for (const name of ["SupplyLogic", "BorrowLogic", "LiquidationLogic", "EModeLogic", "BridgeLogic", "PoolLogic", "FlashLoanLogic", "ConfiguratorLogic"]) {
    libraries[name] = await create2(name, linked(lib(name), libraries));
  }

  const provider = await create2("PoolAddressesProvider", aave("protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider").bytecode, [{ type: "string" }, addr], ["Go Coffee local", LOCAL_OWNER]);
  if ((await read(provider, providerAbi, "getACLAdmin")) === zeroAddress) await write(provider, providerAbi, "setACLAdmin", [LOCAL_OWNER]);
  const acl = await create2("ACLManager", aave("protocol/configuration/ACLManager.sol/ACLManager").bytecode, [addr], [provider]);
  if ((await read(provider, providerAbi, "getACLManager")) === zeroAddress) await write(provider, providerAbi, "setACLManager", [acl]);
  if (!(await read(acl, aclAbi, "isPoolAdmin", [LOCAL_OWNER]))) await write(acl, aclAbi, "addPoolAdmin", [LOCAL_OWNER]);

  const poolImpl = await create2("Pool", linked(aave("protocol/pool/Pool.sol/Pool"), libraries), [addr], [provider]);
  if ((await read(provider, providerAbi, "getPool")) === zeroAddress) await write(provider, providerAbi, "setPoolImpl", [poolImpl]);
  const configuratorImpl = await create2("PoolConfigurator", linked(aave("protocol/pool/PoolConfigurator.sol/PoolConfigurator"), libraries));
  if ((await read(provider, providerAbi, "getPoolConfigurator")) === zeroAddress) await write(provider, providerAbi, "setPoolConfiguratorImpl", [configuratorImpl]);
  const pool = (await read(provider, providerAbi, "getPool")) as Address;
  const configurator = (await read(provider, providerAbi, "getPoolConfigurator")) as Address;

  const adapter = artifact("AaveFeedAdapter").bytecode;
  const ethAdapter = await create2("AaveFeedAdapter ETH/USD", adapter, [addr], [tokens.ETH_USD]);
  const usdcAdapter = await create2("AaveFeedAdapter USDC/USD", adapter, [addr], [tokens.USDC_USD]);
  // Prices in USD with 8 decimals (base currency address 0), as Aave's USD markets do.
  const oracle = await create2("AaveOracle", aave("misc/AaveOracle.sol/AaveOracle").bytecode, [addr, { type: "address[]" }, { type: "address[]" }, addr, addr, { type: "uint256" }], [provider, [tokens.WETH, tokens.USDC], [ethAdapter, usdcAdapter], zeroAddress, zeroAddress, 10n ** 8n]);
  if ((await read(provider, providerAbi, "getPriceOracle")) === zeroAddress) await write(provider, providerAbi, "setPriceOracle", [oracle]);
  const dataProvider = await create2("AaveProtocolDataProvider", aave("misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider").bytecode, [addr], [provider]);
  if ((await read(provider, providerAbi, "getPoolDataProvider")) === zeroAddress) await write(provider, providerAbi, "setPoolDataProvider", [dataProvider]);

  const tokenImpl = async (name: string) => create2(`${name} implementation`, aave(`protocol/tokenization/${name}.sol/${name}`).bytecode, [addr], [pool]);
  const aTokenImpl = await tokenImpl("AToken");
  const stableDebtImpl = await tokenImpl("StableDebtToken");
  const variableDebtImpl = await tokenImpl("VariableDebtToken");
  // Aave's published rate parameters for a stablecoin and for WETH (optimal usage, base, slopes; stable-rate terms).
  const uint = Array.from({ length: 10 }, (_, i) => (i === 0 ? addr : { type: "uint256" }));
  const strategy = aave("protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy").bytecode;
  const usdcStrategy = await create2("USDC rate strategy", strategy, uint, [provider, ray(90), 0n, ray(4), ray(60), ray(0.5), ray(60), ray(1), ray(8), ray(20)]);
  const wethStrategy = await create2("WETH rate strategy", strategy, uint, [provider, ray(80), 0n, ray(3.3), ray(80), ray(4), ray(80), ray(2), ray(8), ray(20)]);

  const listed = (await read(pool, aavePoolAbi, "getReservesList")) as Address[];
  if (!listed.some((a) => a.toLowerCase() === tokens.USDC.toLowerCase())) {
    const reserve = (asset: Address, symbol: string, decimals: number, rates: Address) => ({
      aTokenImpl, stableDebtTokenImpl: stableDebtImpl, variableDebtTokenImpl: variableDebtImpl, underlyingAssetDecimals: decimals,
      interestRateStrategyAddress: rates, underlyingAsset: asset, treasury: LOCAL_OWNER, incentivesController: zeroAddress,
      aTokenName: `Aave local ${symbol}`, aTokenSymbol: `a${symbol}`, variableDebtTokenName: `Aave local variable debt ${symbol}`, variableDebtTokenSymbol: `variableDebt${symbol}`,
      stableDebtTokenName: `Aave local stable debt ${symbol}`, stableDebtTokenSymbol: `stableDebt${symbol}`, params: "0x",
    });
    await write(configurator, configuratorAbi, "initReserves", [[reserve(tokens.USDC, "USDC", 6, usdcStrategy), reserve(tokens.WETH, "WETH", 18, wethStrategy)]], "initReserves");
    await write(configurator, configuratorAbi, "configureReserveAsCollateral", [tokens.WETH, 8000n, 8250n, 10500n]);
    await write(configurator, configuratorAbi, "configureReserveAsCollateral", [tokens.USDC, 7700n, 8000n, 10500n]);
    for (const asset of [tokens.USDC, tokens.WETH]) {
      await write(configurator, configuratorAbi, "setReserveBorrowing", [asset, true]);
      await write(configurator, configuratorAbi, "setReserveFactor", [asset, 1000n]);
    }
    deployed.push("Aave reserves USDC, WETH");
  }

  const aUsdc = (await pub.readContract({ address: pool, abi: aavePoolAbi, functionName: "getReserveData", args: [tokens.USDC] })).aTokenAddress;
  if ((await pub.readContract({ address: aUsdc, abi: erc20Abi, functionName: "totalSupply" })) === 0n) {
    await seedMarket(rpcUrl, pool, tokens);
    deployed.push("Aave USDC supplied and borrowed");
  }
  return { contracts: { AavePoolAddressesProvider: provider, AavePool: pool, AaveOracle: oracle, AaveDataProvider: dataProvider }, deployed };
}

/** A lender and a borrower, so the USDC reserve is utilised and its suppliers earn. */
async function seedMarket(rpcUrl: string, pool: Address, tokens: { USDC: Address; WETH: Address }): Promise<void> {
  const transport = http(rpcUrl);
  const pub = createPublicClient({ chain: anvil, transport });
  const testClient = createTestClient({ chain: anvil, transport, mode: "anvil" });
  const wait = async (hash: Hex) => {
    if ((await pub.waitForTransactionReceipt({ hash, pollingInterval: 50 })).status !== "success") throw new Error(`seeding Aave failed (${hash})`);
  };
  const lender = createWalletClient({ chain: anvil, transport, account: localAccount(LIQUIDITY_INDEX) });
  const borrower = createWalletClient({ chain: anvil, transport, account: localAccount(BORROWER_INDEX) });
  for (const who of [lender, borrower]) await testClient.setBalance({ address: who.account.address, value: parseEther("1000") });
  await wait(await lender.writeContract({ address: tokens.USDC, abi: testStablecoinAbi, functionName: "mint", args: [lender.account.address, AAVE_SEED.usdcSupplied] }));
  await wait(await lender.writeContract({ address: tokens.USDC, abi: erc20Abi, functionName: "approve", args: [pool, maxUint256] }));
  await wait(await lender.writeContract({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [tokens.USDC, AAVE_SEED.usdcSupplied, lender.account.address, 0], gas: 500_000n }));
  await wait(await borrower.writeContract({ address: tokens.WETH, abi: weth9Abi, functionName: "deposit", value: AAVE_SEED.wethCollateral }));
  await wait(await borrower.writeContract({ address: tokens.WETH, abi: erc20Abi, functionName: "approve", args: [pool, maxUint256] }));
  await wait(await borrower.writeContract({ address: pool, abi: aavePoolAbi, functionName: "supply", args: [tokens.WETH, AAVE_SEED.wethCollateral, borrower.account.address, 0], gas: 500_000n }));
  // Variable rate (mode 2): 600k USDC against $1.5M of WETH, well inside the 80 % LTV.
  await wait(await borrower.writeContract({ address: pool, abi: aavePoolAbi, functionName: "borrow", args: [tokens.USDC, AAVE_SEED.usdcBorrowed, 2n, 0, borrower.account.address], gas: 800_000n }));
}

