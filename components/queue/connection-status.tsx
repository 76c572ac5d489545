import { cn } from "@/lib/ui/cn";
import type { Connection } from "@/components/live/use-event-stream";

const LABELS: Record<Connection, string> = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…" };

/** "Live" with a green dot, or "Reconnecting…" in amber, so staff know whether the screen is current. */
export function ConnectionStatus({ connection, className }: { connection: Connection; className?: string }) {
  const live = connection === "live";
  return (
    <p role="status" className={cn("inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1.5 text-sm font-bold", live ? "bg-emerald-500/15 text-emerald-300" : "bg-amber-400/15 text-amber-200", className)}>
      <span aria-hidden className={cn("size-2.5 rounded-full", live ? "bg-emerald-400" : "animate-pulse bg-amber-300")} />
      {LABELS[connection]}
    </p>
  );
}
