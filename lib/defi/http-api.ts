import { z } from "zod";

/**
 * The one HTTP call the DEX API clients make (1inch, Jupiter, Raydium): JSON in, JSON out, the
 * answer checked by the API's zod schema; an error status, an unreachable host or an unknown shape
 * becomes a DexApiError carrying the service's own description. No retries: quotes go stale, so a
 * caller asks again rather than waits.
 */

export type DexApi = "1inch" | "jupiter" | "raydium";

export class DexApiError extends Error {
  override name = "DexApiError";
  constructor(
    readonly api: DexApi,
    /** The HTTP status (200 for a refusal inside a success, as Raydium's `success: false`); 0 when the service could not be reached or answered in a shape we do not know. */
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function callDexApi<T>(
  api: DexApi,
  url: URL,
  schema: z.ZodType<T>,
  /** The service's error body → its sentence (each API has its own error shape). */
  describe: (body: unknown) => string | undefined,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { Accept: "application/json", ...(init.body === undefined ? {} : { "Content-Type": "application/json" }), ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
      redirect: "error",
    });
  } catch (error) {
    throw new DexApiError(api, 0, `${api} could not be reached (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: described by its status alone
  }
  if (!response.ok) throw new DexApiError(api, response.status, describe(body) ?? `${api} answered HTTP ${response.status}`);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new DexApiError(api, 0, `${api} answered in a shape we do not know (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

/** A non-negative integer amount sent as a decimal string, as all three APIs do. */
export const amountString = z.string().regex(/^\d+$/, "an integer amount").transform(BigInt);
