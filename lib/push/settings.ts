import { env } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import { parseOrigins } from "./endpoints";

/** Push is on when the server has a VAPID key pair; which extra push origins it may POST to. Off: 404, as if the door were not there. */
export function pushSettings(): { extraOrigins: readonly string[] } {
  const e = env();
  if (!e.VAPID_PUBLIC_KEY || !e.VAPID_PRIVATE_KEY) throw new DomainError("not_found", "This server does not send notifications.");
  return { extraOrigins: parseOrigins(e.PUSH_EXTRA_ORIGINS) };
}
