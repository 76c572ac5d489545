import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { bodyRefusal } from "@/lib/http/body-limit";
import { contentSecurityPolicy, newNonce, originsOf } from "@/lib/security/csp";
import { DEVICE_COOKIE, deviceCookie, newDeviceId, validDevice } from "@/lib/security/device";
import { crossSiteRefusal } from "@/lib/security/same-origin";
import { walletSettings } from "@/lib/wallet/settings";

/**
 * Runs before every page and route handler (not static files): refuses oversized bodies and
 * cross-site writes to the API (CSRF), gives each page its Content-Security-Policy with a fresh
 * nonce (Next reads the policy from the request headers and puts the nonce on its own scripts),
 * and gives a browser without one its device cookie (per-client limits, lib/security/device.ts).
 */
export function proxy(request: NextRequest) {
  const tooBig = bodyRefusal({ method: request.method, contentLength: request.headers.get("content-length"), transferEncoding: request.headers.get("transfer-encoding") });
  if (tooBig) return withHsts(NextResponse.json({ error: { code: "invalid", message: tooBig.message } }, { status: tooBig.status }));

  if (request.nextUrl.pathname.startsWith("/api/")) {
    const refusal = crossSiteRefusal(
      { method: request.method, origin: request.headers.get("origin"), secFetchSite: request.headers.get("sec-fetch-site") },
      [new URL(env().APP_URL).origin, request.nextUrl.origin],
    );
    return withHsts(refusal ? NextResponse.json({ error: { code: "forbidden", message: `Refused: ${refusal}.` } }, { status: 403 }) : NextResponse.next());
  }

  const nonce = newNonce();
  // The browser's wallet talks to the chains' RPC endpoints directly.
  const rpcUrls = walletSettings(env()).chains.map((c) => c.rpcUrl);
  const policy = contentSecurityPolicy({ nonce, dev: env().NODE_ENV === "development", connectSrc: originsOf(rpcUrls) });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (!validDevice(request.cookies.get(DEVICE_COOKIE)?.value)) response.headers.append("set-cookie", deviceCookie(newDeviceId(), env().APP_URL.startsWith("https://")));
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
