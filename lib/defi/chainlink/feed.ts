import type { Address, PublicClient } from "viem";
import { priceFeedAbi } from "@/lib/chain/abis.generated";
import type { FeedRound } from "@/lib/payments/pricing";

/**
 * A Chainlink-interface feed (AggregatorV3Interface) read at one block, so a pool's mid and the
 * oracle it is compared with come from the same state. The checkout's reader (lib/payments/feeds.ts)
 * reads the latest block only.
 */
export async function readFeedAt(client: PublicClient, feed: Address, blockNumber?: bigint): Promise<FeedRound> {
  const [[roundId, answer, , updatedAt, answeredInRound], decimals] = await Promise.all([
    client.readContract({ address: feed, abi: priceFeedAbi, functionName: "latestRoundData", blockNumber }),
    client.readContract({ address: feed, abi: priceFeedAbi, functionName: "decimals", blockNumber }),
  ]);
  return { roundId, answer, updatedAt, answeredInRound, decimals };
}
