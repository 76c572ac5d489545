/**
 * CSRF protection for state-changing route handlers: a browser always says where a request comes
 * from (Origin, and Sec-Fetch-Site in every current browser), so a cookie-carrying request from
 * another site is refused. Requests without either header do not come from a browser page and
 * cannot ride on someone's cookies (curl, the bench, server-to-server), so they pass. Server
 * actions have the same check built into Next.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type RequestOrigin = { method: string; origin: string | null; secFetchSite: string | null };

/** Why the request must be refused, or null when it may go on. */
export function crossSiteRefusal(request: RequestOrigin, allowedOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  if (request.origin !== null) {
    return allowedOrigins.includes(request.origin) ? null : `requests from ${request.origin} are not accepted`;
  }
  if (request.secFetchSite !== null && request.secFetchSite !== "same-origin" && request.secFetchSite !== "none") {
    return "cross-site requests are not accepted";
  }
  return null;
}
