import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, newNonce, originsOf } from "@/lib/security/csp";
import { crossSiteRefusal } from "@/lib/security/same-origin";

/**
 * Runs before every page and route handler (not static files): refuses cross-site writes to the
 * API (CSRF) and gives each page its Content-Security-Policy with a fresh nonce. Next reads the
 * policy from the request headers and puts the nonce on its own scripts.
 */
export function proxy(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const refusal = crossSiteRefusal(
      { method: request.method, origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
      [new URL(env().APP_URL).origin, request.nextUrl.origin],
    );
    return withHsts(refusal ? NextResponse.json({ error: { code: "forbidden", message: `Refused: ${refusal}.` } }, { status: 403 }) : NextResponse.next());
  }

  const nonce = newNonce();
  const policy = contentSecurityPolicy({ nonce, dev: env().NODE_ENV === "development", connectSrc: originsOf([env().CHAIN_RPC_URL, env().WALLET_RPC_URL].filter((url): url is string => Boolean(url))) });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return withHsts(response);
}

/** Browsers ignore HSTS over plain http, so it is sent only when the app is served over https. */
function withHsts(response: NextResponse): NextResponse {
  if (env().APP_URL.startsWith("https://")) response.headers.set("strict-transport-security", "max-age=63072000; includeSubDomains");
  return response;
}

export const config = {
  // Static files carry no policy of their own and need no CSRF check.
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|icon.svg|menu/|.*\\.(?:svg|png|jpg|webp|ico|txt)$).*)" }],
};
