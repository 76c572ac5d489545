import type { Address, PublicClient } from "viem";
import { paymentChain, type TokenConfig } from "@/lib/chain/config";
import type { FeedRound } from "./pricing";

/**
 * Network fee estimates shown next to the price for each chain and token: gas for the router call
 * (plus an approval for tokens) at the chain's current max fee per gas, in US cents from the native
 * coin's feed. Gas figures are upper bounds measured on anvil (contracts/test/router.int.test.ts
 * checks the real calls stay below them).
 */

export const GAS = { payNative: 45_000n, payToken: 70_000n, approve: 50_000n } as const;

/** Fee in US cents (rounded up) for `gas` units at `weiPerGas`, with the native coin priced by `round`. */
export function feeCents(gas: bigint, weiPerGas: bigint, round: Pick<FeedRound, "answer" | "decimals">): number {
  const denominator = 10n ** BigInt(18 + round.decimals);
  const numerator = gas * weiPerGas * round.answer * 100n;
  return Number((numerator + denominator - 1n) / denominator);
}

export type PaymentOption = {
  chainId: number;
  chainName: string;
  tokens: { symbol: string; address: Address | null; decimals: number; approveResetRequired: boolean; fee: { payCents: number; approveCents: number } | null }[];
};

/** The chains and tokens offered, each with its fee estimate (null when the chain cannot be priced right now). */
export async function paymentOptions(chainIds: readonly number[], deps: { client: (chainId: number) => PublicClient; readRound: (chainId: number, feed: Address) => Promise<FeedRound> }): Promise<PaymentOption[]> {
  return Promise.all(
    chainIds.flatMap((chainId) => {
      const chain = paymentChain(chainId);
      if (!chain) return [];
      return [
        (async (): Promise<PaymentOption> => {
          const native = chain.tokens.find((t) => t.kind === "native");
          const priced = await Promise.all([deps.client(chainId).estimateFeesPerGas(), native?.feed ? deps.readRound(chainId, native.feed) : Promise.resolve(null)]).catch(() => null);
          const fee = (token: TokenConfig) => {
            if (!priced || !priced[1]) return null;
            const [{ maxFeePerGas }, round] = priced;
            return token.address === null
              ? { payCents: feeCents(GAS.payNative, maxFeePerGas, round), approveCents: 0 }
              : { payCents: feeCents(GAS.payToken, maxFeePerGas, round), approveCents: feeCents(GAS.approve, maxFeePerGas, round) };
          };
          return {
            chainId,
            chainName: chain.chain.name,
            tokens: chain.tokens.map((t) => ({ symbol: t.symbol, address: t.address, decimals: t.decimals, approveResetRequired: t.approveResetRequired ?? false, fee: fee(t) })),
          };
        })(),
      ];
    }),
  );
}
