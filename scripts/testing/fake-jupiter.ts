import { z } from "zod";
import { solanaAddress } from "@/lib/defi/solana";
import { HttpError, startJsonFake, type FakeRequest, type JsonFake } from "./fake-http";
import { BOOK_FEE_BPS, BOOK_POOL_ID, fillFromBook, isBookMint } from "./fake-solana-book";

/**
 * A local Jupiter Swap API v1 for tests: the real client (lib/defi/jupiter/client.ts) talks to it
 * through JUPITER_API_URL. Solana cannot run here, so it quotes from a constant-product SOL/USDC
 * pool of its own (fake-solana-book.ts), one route step through that pool:
 * - `GET /swap/v1/quote?inputMint&outputMint&amount&slippageBps` → Jupiter's quote
 *   (`inAmount`, `outAmount`, `otherAmountThreshold` = out less slippage, `swapMode` ExactIn,
 *   `priceImpactPct` as a fraction in a string, `routePlan[{ swapInfo, percent: 100 }]`, `contextSlot`, `timeTaken`);
 * - `POST /swap/v1/swap { quoteResponse, userPublicKey }` → `{ swapTransaction, lastValidBlockHeight }`.
 *   **`swapTransaction` is not a Solana transaction**: it is base64 of a JSON note of what the
 *   swap would be (`fake-jupiter-swap`, the user, mints, amount in, least out), which tests decode.
 * Errors in Jupiter's `{ error, errorCode }`: a mint other than SOL/USDC → 400 TOKEN_NOT_TRADABLE,
 * the same mint both sides → 400 COULD_NOT_FIND_ANY_ROUTE, amount not a positive integer or
 * slippageBps outside 0-10000 → 400 INVALID_REQUEST (its own code), a bad swap body → 400; when
 * started with `apiKey`, a request without that `x-api-key` → 401. Every request is kept in `requests`.
 */

const invalid = (error: string, errorCode = "INVALID_REQUEST") => new HttpError(400, { error, errorCode });
const swapBody = z.object({
  quoteResponse: z.object({ inputMint: z.string(), inAmount: z.string(), outputMint: z.string(), otherAmountThreshold: z.string() }),
  userPublicKey: solanaAddress,
});

export async function startFakeJupiter(opts: { apiKey?: string; port?: number } = {}): Promise<JsonFake> {
  let slot = 300_000_000;

  function quote(query: URLSearchParams) {
    const inputMint = query.get("inputMint") ?? "";
    const outputMint = query.get("outputMint") ?? "";
    for (const mint of [inputMint, outputMint]) if (!isBookMint(mint)) throw invalid(`The token ${mint || "(missing)"} is not tradable`, "TOKEN_NOT_TRADABLE");
    if (inputMint === outputMint) throw invalid("Could not find any route", "COULD_NOT_FIND_ANY_ROUTE");
    const amount = query.get("amount") ?? "";
    if (!/^\d+$/.test(amount) || BigInt(amount) === 0n) throw invalid("amount must be a positive integer");
    const slippageBps = Number(query.get("slippageBps") ?? 50);
    if (!Number.isInteger(slippageBps) || slippageBps < 0 || slippageBps > 10_000) throw invalid("slippageBps must be an integer from 0 to 10000");
    const fill = fillFromBook(inputMint, outputMint, BigInt(amount), slippageBps);
    slot += 1;
    return {
      inputMint,
      inAmount: amount,
      outputMint,
      outAmount: String(fill.outAmount),
      otherAmountThreshold: String(fill.minOut),
      swapMode: "ExactIn",
      slippageBps,
      platformFee: null,
      priceImpactPct: String(fill.priceImpact),
      routePlan: [{ swapInfo: { ammKey: BOOK_POOL_ID, label: `Fake CPMM (${BOOK_FEE_BPS} bps)`, inputMint, outputMint, inAmount: amount, outAmount: String(fill.outAmount), feeAmount: String(fill.feeAmount), feeMint: inputMint }, percent: 100 }],
      contextSlot: slot,
      timeTaken: 0.001,
    };
  }

  async function answer({ method, path, query, body, headers }: FakeRequest): Promise<unknown> {
    const apiKey = headers["x-api-key"];
    if (opts.apiKey && apiKey !== opts.apiKey) throw new HttpError(401, { error: "Unauthorized: a valid x-api-key is required", errorCode: "UNAUTHORIZED" });
    if (method === "GET" && path === "/swap/v1/quote") return quote(new URLSearchParams(query));
    if (method === "POST" && path === "/swap/v1/swap") {
      const b = swapBody.safeParse(body);
      if (!b.success) throw invalid(`Invalid swap request: ${b.error.issues[0]?.path.join(".")} ${b.error.issues[0]?.message}`);
      const q = b.data.quoteResponse;
      const note = { kind: "fake-jupiter-swap", userPublicKey: b.data.userPublicKey, inputMint: q.inputMint, inAmount: q.inAmount, outputMint: q.outputMint, minOutAmount: q.otherAmountThreshold };
      return { swapTransaction: Buffer.from(JSON.stringify(note)).toString("base64"), lastValidBlockHeight: slot + 150 };
    }
    throw new HttpError(404, { error: `Route ${method} ${path} not found`, errorCode: "NOT_FOUND" });
  }

  return startJsonFake(answer, { port: opts.port, internal: (error) => ({ error, errorCode: "INTERNAL" }) });
}
