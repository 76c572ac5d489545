import { DomainError } from "@/lib/errors";
import { SIGN_IN_UNAVAILABLE } from "@/lib/auth/messages";
import { isSiweBinding, newSiweBinding, SIWE_BINDING_COOKIE, siweBindingFromCookieHeader } from "@/lib/auth/siwe-binding";
import { siweNonces } from "@/lib/auth/siwe-nonces";
import { issueSiweNonce } from "@/lib/auth/siwe-sign-in";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { childLogger } from "@/lib/log";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";

/**
 * POST: a fresh Sign-In with Ethereum nonce for this browser, `{ nonce }`. The first call sets
 * the httpOnly binding cookie the nonce is stored against (lib/auth/siwe-binding.ts). POST, not
 * GET: every call creates state, and must never be cached or prefetched.
 */
export async function POST(request: Request) {
  const log = childLogger("siwe");
  try {
    const existing = siweBindingFromCookieHeader(request.headers.get("cookie"));
    const binding = isSiweBinding(existing) ? existing : newSiweBinding();
    let nonce: string;
    try {
      nonce = await issueSiweNonce({ nonces: siweNonces(), limiter: rateLimiter(), log }, { binding, ip: clientIp(request.headers) });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      log.error({ err: error }, "could not issue a SIWE nonce");
      return json({ error: { code: "unavailable", message: SIGN_IN_UNAVAILABLE } }, 503);
    }
    const secure = new URL(env().APP_URL).protocol === "https:";
    const cookie = `${SIWE_BINDING_COOKIE}=${binding}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
    return json({ nonce }, 200, existing === binding ? {} : { "set-cookie": cookie });
  } catch (error) {
    return errorResponse(error);
  }
}
