/**
 * Which push endpoints the app will POST to. A subscription's endpoint comes from the browser, so
 * from anyone with curl: without this check the app would send requests to any address a stranger
 * names (SSRF). The browsers' own push services are allowed by host; other origins (the local fake
 * push service of the demo and tests) only when configured. Pure.
 */

/** Hosts of the push services Chrome/Edge/Firefox/Safari subscribe to (exact, or a subdomain of). */
const PUSH_SERVICE_HOSTS = ["fcm.googleapis.com", "updates.push.services.mozilla.com", "push.services.mozilla.com", "web.push.apple.com", "notify.windows.com"] as const;

/** Which browsers subscribe through each service: what a person can recognise a device by. */
const SERVICE_NAMES: Record<(typeof PUSH_SERVICE_HOSTS)[number], string> = {
  "fcm.googleapis.com": "Chrome or another Chromium browser",
  "updates.push.services.mozilla.com": "Firefox",
  "push.services.mozilla.com": "Firefox",
  "web.push.apple.com": "Safari",
  "notify.windows.com": "Edge on Windows",
};

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

/** The browser family an endpoint's push service serves ("Firefox"), or its host for another allowed origin. */
export function pushServiceName(endpoint: string): string {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return "Unknown browser";
  }
  const known = PUSH_SERVICE_HOSTS.find((h) => host === h || host.endsWith(`.${h}`));
  return known ? SERVICE_NAMES[known] : host;
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
