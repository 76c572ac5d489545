import { env } from "@/lib/env";
import { StreamSlots } from "@/lib/realtime/stream-slots";
import { clientIp } from "@/lib/security/client-ip";
import { deviceFromCookieHeader } from "@/lib/security/device";
import { json } from "./responses";
import { sseResponse, type SendEvent, type StreamLife } from "./sse";

const holder = globalThis as typeof globalThis & { __goCoffeeStreamSlots?: StreamSlots };

/** This instance's stream caps (STREAMS_PER_CLIENT / _PER_IP / _PER_INSTANCE). */
export function streamSlots(): StreamSlots {
  holder.__goCoffeeStreamSlots ??= new StreamSlots({ perClient: env().STREAMS_PER_CLIENT, perIp: env().STREAMS_PER_IP, perInstance: env().STREAMS_PER_INSTANCE });
  return holder.__goCoffeeStreamSlots;
}

/** Seconds a refused client is asked to wait: streams end and free slots all the time. */
const RETRY_AFTER_S = 10;

/**
 * Every live stream the app serves goes through here: it takes one of the instance's stream
 * slots for this client (429 with Retry-After when the caps are reached), ends after
 * STREAM_MAX_SECONDS (the browser reconnects and is checked again), re-checks access while open
 * when `access` is given, and frees the slot however the stream ends.
 */
export function liveStream(request: Request, open: (send: SendEvent) => Promise<() => void>, access: Pick<StreamLife, "stillAllowed" | "recheckEveryMs"> = {}): Response {
  const slot = streamSlots().acquire({ device: deviceFromCookieHeader(request.headers.get("cookie")), ip: clientIp(request.headers) });
  if (!slot.ok) return json({ error: { code: "rate_limited", message: slot.reason } }, 429, { "retry-after": String(RETRY_AFTER_S) });
  try {
    return sseResponse(request.signal, open, { ...access, maxLifetimeMs: env().STREAM_MAX_SECONDS * 1000, onEnd: slot.release });
  } catch (error) {
    slot.release();
    throw error;
  }
}
