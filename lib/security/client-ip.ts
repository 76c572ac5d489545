import { env } from "@/lib/env";

/**
 * The client's IP address for rate limits and stream caps.
 *
 * A client can send any X-Forwarded-For it likes, so the header is believed only as far as
 * proxies we run put it there: each trusted proxy APPENDS the address it saw. The app server
 * stamps the socket's peer address on every request (`PEER_HEADER`, see peer-address.ts; a
 * client-sent value is overwritten), which ends the chain. With TRUSTED_PROXY_HOPS = n the client
 * is the (n+1)-th address from the right: 0 = the socket peer itself (no proxy in front),
 * 1 = what the load balancer saw, and so on. Null when the request did not come through the
 * server (tests calling handlers directly): callers then skip per-IP limits.
 */

export const PEER_HEADER = "x-gocoffee-peer";

type HeaderSource = Headers | Record<string, string | string[] | undefined> | undefined;

export function clientAddress(headers: HeaderSource, trustedHops: number): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const peer = get(PEER_HEADER)?.trim();
  if (!peer) return null;
  const forwarded = trustedHops === 0 ? [] : (get("x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const chain = [...forwarded, peer];
  const candidate = chain[Math.max(0, chain.length - 1 - trustedHops)]!;
  // IPv4-mapped IPv6 ("::ffff:127.0.0.1") and plain IPv4 are one client.
  return candidate.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").slice(0, 64);
}

/** The client's address with this deployment's TRUSTED_PROXY_HOPS. */
export function clientIp(headers: HeaderSource): string | null {
  return clientAddress(headers, env().TRUSTED_PROXY_HOPS);
}
