/**
 * The client's IP address for rate limits, from the request headers. Next's server fills
 * x-forwarded-for with the socket's address when no proxy set it; a proxy or load balancer in
 * front APPENDS the address it saw, so the rightmost entry is the one a client cannot forge
 * (with one trusted proxy hop, which is how the app is deployed). Null when nothing is known:
 * callers then skip per-IP limits rather than lump every unknown client together.
 */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined> | undefined): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const forwarded = get("x-forwarded-for")
    ?.split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  const candidate = forwarded?.at(-1) ?? get("x-real-ip")?.trim();
  if (!candidate) return null;
  // IPv4-mapped IPv6 ("::ffff:127.0.0.1") and plain IPv4 are one client.
  return candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}
