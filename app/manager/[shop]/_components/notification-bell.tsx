import Link from "next/link";
import { unreadCount } from "@/lib/agents/notifier/notifications";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";

/** The bell on the manager pages: the signed-in person's unread notifications (all shops), linking to this shop's list. */
export async function NotificationBell({ shopSlug }: { shopSlug: string }) {
  const user = await getSessionUser();
  if (!user) return null;
  const unread = await unreadCount(db(), user.id);
  const label = unread === 0 ? "Notifications, none unread" : `Notifications, ${unread} unread`;
  return (
    <Link href={`/manager/${shopSlug}/agents#notifications`} aria-label={label} title={label} className="relative grid size-9 place-items-center rounded-full hover:bg-espresso/5">
      <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M18 8a6 6 0 1 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread > 0 ? <span className="absolute -top-0.5 -right-0.5 grid min-w-4.5 place-items-center rounded-full bg-red-700 px-1 text-[0.65rem] leading-4.5 font-bold text-white">{unread > 99 ? "99+" : unread}</span> : null}
    </Link>
  );
}
