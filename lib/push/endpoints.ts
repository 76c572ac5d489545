/**
 * Which push endpoints the app will POST to. A subscription's endpoint comes from the browser, so
 * from anyone with curl: without this check the app would send requests to any address a stranger
 * names (SSRF). The browsers' own push services are allowed by host; other origins (the local fake
 * push service of the demo and tests) only when configured. Pure.
 */

/** Hosts of the push services Chrome/Edge/Firefox/Safari subscribe to (exact, or a subdomain of). */
const PUSH_SERVICE_HOSTS = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com", "web.push.apple.com", "notify.windows.com"] as const;

export function parseOrigins(list: string): string[] {
  return list
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean)
    .flatMap((o) => {
      try {
        return [new URL(o).origin];
      } catch {
        return [];
      }
    });
}

/** True when `endpoint` is an https URL of a known push service, or under one of `extraOrigins`. */
export function pushEndpointAllowed(endpoint: string, extraOrigins: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (extraOrigins.includes(url.origin)) return true;
  if (url.protocol !== "https:" || url.port !== "") return false;
  return PUSH_SERVICE_HOSTS.some((host) => url.hostname === host || url.hostname.endsWith(`.${host}`));
}
