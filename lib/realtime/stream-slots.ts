import type { ClientIdentity } from "@/lib/security/device";

/**
 * Caps on live streams held open at once by one app instance: per client (device, else address),
 * per IP address (a script can invent devices) and in total. An open SSE stream costs a socket,
 * memory and a share of every change's fan-out, so a stranger must not be able to hold thousands.
 * In memory: each instance guards itself; the load balancer spreads clients over instances.
 */
export type StreamCaps = { perClient: number; perIp: number; perInstance: number };
export type SlotGrant = { ok: true; release: () => void } | { ok: false; reason: string };

export class StreamSlots {
  private total = 0;
  private readonly held = new Map<string, number>();

  constructor(private readonly caps: StreamCaps) {}

  acquire(client: ClientIdentity): SlotGrant {
    // A browser is counted by its device and, more loosely, by its address; a client without our
    // cookie (a script) only by its address, with the tight per-client cap.
    const limits: [string, number][] = client.device
      ? [[`device:${client.device}`, this.caps.perClient], ...(client.ip ? [[`ip:${client.ip}`, this.caps.perIp] as [string, number]] : [])]
      : client.ip
        ? [[`ip:${client.ip}`, this.caps.perClient]]
        : [];
    if (this.total >= this.caps.perInstance) return { ok: false, reason: "This server has too many live connections right now. Try again in a moment." };
    if (limits.some(([key, cap]) => (this.held.get(key) ?? 0) >= cap)) {
      return { ok: false, reason: "Too many live connections from this device or network. Close some tabs and try again." };
    }
    const keys = limits.map(([key]) => key);
    this.total++;
    for (const key of keys) this.held.set(key, (this.held.get(key) ?? 0) + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.total--;
        for (const key of keys) {
          const n = (this.held.get(key) ?? 1) - 1;
          if (n <= 0) this.held.delete(key);
          else this.held.set(key, n);
        }
      },
    };
  }

  /** Streams held now (metrics, tests). */
  get open(): number {
    return this.total;
  }
}
