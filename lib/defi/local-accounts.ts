import { mnemonicToAccount } from "viem/accounts";

/**
 * Accounts of the local chain (31337) only: anvil's public test mnemonic at indices nobody else in
 * the project uses (0-9 belong to payments, e2e and the demo). Their keys are public; they hold
 * value on anvil alone, and the desk refuses to sign with them on any other chain.
 */
const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";
export const LOCAL_CHAIN_ID = 31337;
export const TREASURY_INDEX = 20;
export const LIQUIDITY_INDEX = 21;
export const WHALE_INDEX = 22;
/** Borrows USDC on the local Aave market against WETH, so its lenders earn (scripts/chain/aave-contracts.ts). */
export const BORROWER_INDEX = 23;
export const localAccount = (index: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });

/** The treasury's signing account, for the local chain only. */
export function treasuryAccount(chainId: number) {
  if (chainId !== LOCAL_CHAIN_ID) throw new Error(`the desk holds a treasury key for the local chain only, not chain ${chainId}`);
  return localAccount(TREASURY_INDEX);
}
