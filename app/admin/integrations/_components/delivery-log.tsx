"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Badge } from "@/components/ui/badge";

type Entry = { id: string; integrationName: string; kind: string; status: "PENDING" | "DELIVERED" | "DEAD"; attempts: number; lastError: string | null; text: string; acknowledgedBy: string | null; createdAt: string; deliveredAt: string | null };

const STATUS = { PENDING: { tone: "warning", label: "Waiting" }, DELIVERED: { tone: "success", label: "Delivered" }, DEAD: { tone: "danger", label: "Failed" } } as const;

/** The latest deliveries; while any is waiting, the page refreshes itself every 2 s. */
export function DeliveryLog({ entries, waiting }: { entries: Entry[]; waiting: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [waiting, router]);

  if (entries.length === 0) return <p className="mt-2 text-espresso/70">No deliveries yet.</p>;
  return (
    <ul className="mt-3 grid gap-2" aria-label="Deliveries">
      {entries.map((e) => (
        <li key={e.id} className="rounded-xl bg-white p-3 text-sm ring-1 ring-espresso/10">
          <div className="flex flex-wrap items-center gap-2">
            <Badge tone={STATUS[e.status].tone}>{STATUS[e.status].label}</Badge>
            <span className="font-semibold">{e.kind}</span>
            <span className="text-espresso/70">
              {e.integrationName} · {new Date(e.createdAt).toLocaleString()} · {e.attempts} {e.attempts === 1 ? "attempt" : "attempts"}
            </span>
          </div>
          <p className="mt-1 break-words">{e.text}</p>
          {e.lastError && <p className="mt-1 text-red-800">Reason: {e.lastError}</p>}
          {e.acknowledgedBy && <p className="mt-1 text-emerald-800">Acknowledged in Slack by {e.acknowledgedBy}</p>}
        </li>
      ))}
    </ul>
  );
}
