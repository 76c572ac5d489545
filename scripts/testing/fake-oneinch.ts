import { createPublicClient, http, isAddress, type Address, type PublicClient } from "viem";
import { anvil } from "viem/chains";
import { deadlineAfter, minOut } from "@/lib/defi/slippage";
import { getAmountsOut } from "@/lib/defi/uniswap-v2/client";
import { quoteExactInputSingle } from "@/lib/defi/uniswap-v3/client";
import { localWethUsdc, swapCall } from "@/lib/defi/venues";
import { betterVenue } from "@/lib/trading/swap";
import { HttpError, startJsonFake, type JsonFake } from "./fake-http";

/**
 * A local 1inch Classic Swap API v6.0 over the local chain's real pools, for tests: the real client
 * (lib/defi/oneinch/client.ts) talks to it through ONEINCH_API_URL. For chain 31337 it routes as an
 * aggregator would between the two venues the chain has, quoting both at the head block (QuoterV2,
 * Router02.getAmountsOut) and taking the better whole (no splits, no other sources):
 * - `GET /swap/v6.0/31337/quote?src&dst&amount` → `{ dstAmount }`;
 * - `GET /swap/v6.0/31337/swap?src&dst&amount&from&origin&slippage` → `{ dstAmount, tx }`: `tx` is
 *   a real call to that venue's router (SwapRouter `exactInputSingle` or Router02
 *   `swapExactTokensForTokens`, output to `from`, minimum = dstAmount less `slippage` %, a 20-minute
 *   deadline) that lands once `from` has allowed `tx.to` its input. `gas` is a fixed 300,000 limit
 *   (1inch estimates it, which needs the allowance first) and `gasPrice` the node's.
 * Errors in 1inch's shape `{ error, description, statusCode }`: no or another key → 401; another
 * chain, a token other than WETH/USDC, the same token both sides, amount 0 or not an integer,
 * slippage outside 0-50, a missing `from` → 400. Every request is kept in `requests` (fake-http.ts).
 */

const SWAP_GAS_LIMIT = 300_000;
const DEADLINE_SECONDS = 1_200;

const badRequest = (description: string) => new HttpError(400, { error: "Bad Request", description, statusCode: 400 });

export async function startFakeOneInch(opts: { rpcUrl: string; apiKey: string; port?: number }): Promise<JsonFake> {
  const client = createPublicClient({ chain: anvil, transport: http(opts.rpcUrl) }) as PublicClient;
  const venues = localWethUsdc();
  const tokens = new Set([venues.weth, venues.usdc].map((t) => t.toLowerCase()));

  function token(query: URLSearchParams, name: "src" | "dst"): Address {
    const value = query.get(name) ?? "";
    if (!isAddress(value) || !tokens.has(value.toLowerCase())) throw badRequest(`${name}: token ${value || "(missing)"} is not supported on chain ${venues.chainId}`);
    return value;
  }

  /** The better of the two venues at the head block, as 1inch's router would take it. */
  async function route(query: URLSearchParams) {
    const src = token(query, "src");
    const dst = token(query, "dst");
    if (src.toLowerCase() === dst.toLowerCase()) throw badRequest("src and dst must be different tokens");
    const amount = query.get("amount") ?? "";
    if (!/^\d+$/.test(amount) || BigInt(amount) === 0n) throw badRequest("amount must be an integer greater than 0");
    const block = await client.getBlock({ blockTag: "latest" });
    const [v3, v2] = await Promise.all([
      quoteExactInputSingle(client, { quoter: venues.v3.quoter, tokenIn: src, tokenOut: dst, fee: venues.v3.fee, amountIn: BigInt(amount), blockNumber: block.number }),
      getAmountsOut(client, { router: venues.v2.router, amountIn: BigInt(amount), path: [src, dst], blockNumber: block.number }),
    ]);
    const v2Out = v2.at(-1) ?? 0n;
    const venue = betterVenue(v3.amountOut, v2Out);
    return { src, dst, amountIn: BigInt(amount), venue, dstAmount: venue === "uniswap-v3" ? v3.amountOut : v2Out, block };
  }

  async function answer(method: string, path: string, query: URLSearchParams, authorization: string | null): Promise<unknown> {
    if (authorization !== `Bearer ${opts.apiKey}`) throw new HttpError(401, { error: "Unauthorized", description: "Invalid or missing API key", statusCode: 401 });
    const m = /^\/swap\/v6\.0\/(\d+)\/(quote|swap)$/.exec(path);
    if (!m || method !== "GET") throw new HttpError(404, { error: "Not Found", description: `Cannot ${method} ${path}`, statusCode: 404 });
    if (Number(m[1]) !== venues.chainId) throw badRequest(`chain ${m[1]} is not supported (this fake routes on ${venues.chainId} only)`);
    if (m[2] === "quote") return { dstAmount: String((await route(query)).dstAmount) };

    const from = query.get("from") ?? "";
    if (!isAddress(from)) throw badRequest("from: must be an address");
    const slippage = Number(query.get("slippage"));
    if (!query.get("slippage") || !Number.isFinite(slippage) || slippage < 0 || slippage > 50) throw badRequest("slippage: must be a number from 0 to 50");
    const r = await route(query);
    const call = swapCall(venues, r.venue, { tokenIn: r.src, tokenOut: r.dst, amountIn: r.amountIn, minOut: minOut(r.dstAmount, Math.round(slippage * 100)), recipient: from, deadline: deadlineAfter(r.block.timestamp, DEADLINE_SECONDS) });
    const gasPrice = await client.getGasPrice();
    return { dstAmount: String(r.dstAmount), tx: { from, to: call.to, data: call.data, value: "0", gas: SWAP_GAS_LIMIT, gasPrice: String(gasPrice) } };
  }

  return startJsonFake(({ method, path, query, headers }) => answer(method, path, new URLSearchParams(query), headers.authorization ?? null), {
    port: opts.port,
    internal: (description) => ({ error: "Internal Server Error", description, statusCode: 500 }),
  });
}
