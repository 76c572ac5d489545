import { createSign } from "node:crypto";
import { z } from "zod";

/**
 * A Google service account's access token, by the OAuth 2.0 JWT bearer grant Google documents for
 * server-to-server use (https://developers.google.com/identity/protocols/oauth2/service-account#httprest):
 * a JWT naming the account and the Sheets scope, signed RS256 with the account's private key, is
 * exchanged at the token endpoint for a bearer token that lasts an hour.
 *
 * Written here rather than with google-auth-library's JWT client because that client's token
 * endpoint is a constant (https://oauth2.googleapis.com/token), so no test could point it at a local
 * fake; here it is configuration (GOOGLE_OAUTH_TOKEN_URL), never the pasted key's own `token_uri`
 * (a pasted key must not choose where our server sends requests).
 */

export const SHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";

export const serviceAccountKey = z.object({
  type: z.literal("service_account", { error: "this is not a service account key (its \"type\" is not \"service_account\")" }),
  client_email: z.email({ error: "the key has no client_email" }),
  private_key: z.string().includes("PRIVATE KEY", { error: "the key has no private_key" }),
  private_key_id: z.string().optional(),
});
export type ServiceAccountKey = z.infer<typeof serviceAccountKey>;

/** A refusal from the token endpoint or the API, with Google's HTTP status (0: no answer). */
export class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "GoogleApiError";
  }
}

const tokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive().default(3600) });
const tokenError = z.object({ error: z.string(), error_description: z.string().optional() });

/** The signed assertion: header.claims.signature, base64url. */
export function signedAssertion(key: ServiceAccountKey, tokenUrl: string, nowSeconds: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const header = part({ alg: "RS256", typ: "JWT", ...(key.private_key_id ? { kid: key.private_key_id } : {}) });
  const claims = part({ iss: key.client_email, scope: SHEETS_SCOPE, aud: tokenUrl, iat: nowSeconds, exp: nowSeconds + 3600 });
  const signature = createSign("RSA-SHA256").update(`${header}.${claims}`).sign(key.private_key).toString("base64url");
  return `${header}.${claims}.${signature}`;
}

type Cached = { token: string; expiresAt: number };

/** Tokens are reused until a minute before they expire: one exchange an hour per account, not one per write. */
export function tokenSource(tokenUrl: string, opts: { timeoutMs?: number } = {}) {
  const cache = new Map<string, Cached>();
  return async function accessToken(key: ServiceAccountKey): Promise<string> {
    const cacheKey = `${key.client_email}\n${key.private_key_id ?? key.private_key}`;
    const hit = cache.get(cacheKey);
    if (hit && hit.expiresAt - 60_000 > Date.now()) return hit.token;
    let assertion: string;
    try {
      assertion = signedAssertion(key, tokenUrl, Math.floor(Date.now() / 1000));
    } catch {
      throw new GoogleApiError(401, "the key's private_key is not a readable RSA private key");
    }
    let response: Response;
    try {
      response = await fetch(tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new GoogleApiError(0, `Google's token endpoint did not answer (${error instanceof Error ? error.message : String(error)})`);
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const refused = tokenError.safeParse(body);
      throw new GoogleApiError(response.status, refused.success ? `${refused.data.error}${refused.data.error_description ? `: ${refused.data.error_description}` : ""}` : `HTTP ${response.status}`);
    }
    const answer = tokenAnswer.parse(body);
    cache.set(cacheKey, { token: answer.access_token, expiresAt: Date.now() + answer.expires_in * 1000 });
    return answer.access_token;
  };
}
