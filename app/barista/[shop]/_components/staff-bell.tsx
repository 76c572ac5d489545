"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { Dialog } from "@/components/ui/dialog";
import { BellIcon } from "@/components/ui/icons";
import { markBaristaNotificationsRead } from "../actions";
import { ClientButton } from "@/components/ui/client-button";
import { shopDayTime } from "@/lib/shops/local-time";

type StaffNotification = { id: string; severity: string; message: string; createdAt: string; read: boolean };
type Notifications = { unread: number; items: StaffNotification[] };

/** How often the bell asks: alerts (an ingredient out, a rush) matter within a minute, not a second. */
const POLL_MS = 20_000;

async function fetchNotifications(slug: string): Promise<Notifications> {
  const res = await fetch(`/api/shops/${encodeURIComponent(slug)}/notifications`, { cache: "no-store" });
  if (!res.ok) throw new Error(`notifications: ${res.status}`);
  return (await res.json()) as Notifications;
}

/**
 * The queue screen's bell: what the agents told this barista (an ingredient out, busier than the
 * forecast, a task of theirs overdue) and the tasks given to them, with the unread count, polled; opening it lists them, "Mark all read" clears the count.
 */
export function StaffBell({ shop }: { shop: { slug: string; timezone: string } }) {
  const client = useQueryClient();
  const key = ["staff-notifications", shop.slug];
  const { data } = useQuery({ queryKey: key, queryFn: () => fetchNotifications(shop.slug), refetchInterval: POLL_MS });
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const unread = data?.unread ?? 0;
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;

  return (
    <>
      <ClientButton
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        className="relative grid size-10 place-items-center rounded-xl bg-black/30 hover:bg-black/45 focus-visible:outline-4 focus-visible:outline-sky-400"
      >
        <BellIcon className="size-5" />
        {unread > 0 ? <span className="absolute -top-1 -right-1 grid min-w-5 place-items-center rounded-full bg-red-600 px-1 text-xs leading-5 font-bold text-white">{unread > 99 ? "99+" : unread}</span> : null}
      </ClientButton>
      <Dialog open={open} onClose={() => setOpen(false)} labelledBy="staff-notifications-title" className="text-espresso">
        <div className="flex items-center justify-between gap-3">
          <h2 id="staff-notifications-title" className="text-xl font-bold">
            Notifications
          </h2>
          <ClientButton type="button" onClick={() => setOpen(false)} className="rounded-lg px-2 py-1 text-base font-semibold hover:bg-espresso/5">
            Close
          </ClientButton>
        </div>
        {data && data.items.length > 0 ? (
          <ul className="mt-3 grid gap-2">
            {data.items.map((n) => (
              <li key={n.id} className={`rounded-xl border px-3 py-2 ${n.read ? "border-espresso/10" : "border-red-300 bg-red-50"}`}>
                <p className="text-base font-semibold">{n.message}</p>
                <p className="text-sm text-espresso/70">
                  {n.severity === "critical" ? "Critical" : n.severity === "warning" ? "Warning" : "Info"} · <time dateTime={n.createdAt}>{shopDayTime(new Date(n.createdAt), shop.timezone)}</time>
                  {n.read ? null : " · unread"}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-3 text-base text-espresso/75">Nothing yet: an ingredient running out, a rush beyond the forecast or a task given to you shows here.</p>
        )}
        {unread > 0 ? (
          <ClientButton
            type="button"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                await markBaristaNotificationsRead(shop.slug);
                await client.invalidateQueries({ queryKey: key });
              })
            }
            className="mt-4 h-11 rounded-xl bg-espresso px-4 text-base font-bold text-foam hover:bg-espresso/90 disabled:opacity-60"
          >
            Mark all read
          </ClientButton>
        ) : null}
      </Dialog>
    </>
  );
}
