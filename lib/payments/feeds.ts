import type { Address, PublicClient } from "viem";
import { priceFeedAbi } from "@/lib/chain/abis.generated";
import type { FeedRound } from "./pricing";

/** Reads a Chainlink-style aggregator's latest round (AggregatorV3Interface). */
export async function readRound(client: PublicClient, feed: Address): Promise<FeedRound> {
  const [[roundId, answer, , updatedAt, answeredInRound], decimals] = await Promise.all([
    client.readContract({ address: feed, abi: priceFeedAbi, functionName: "latestRoundData" }),
    client.readContract({ address: feed, abi: priceFeedAbi, functionName: "decimals" }),
  ]);
  return { roundId, answer, updatedAt, answeredInRound, decimals };
}
