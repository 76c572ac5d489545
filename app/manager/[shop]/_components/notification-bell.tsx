import Link from "next/link";
import { BellIcon } from "@/components/ui/icons";
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
      <BellIcon className="size-5" />
      {unread > 0 ? <span className="absolute -top-0.5 -right-0.5 grid min-w-4.5 place-items-center rounded-full bg-red-700 px-1 text-[0.65rem] leading-4.5 font-bold text-white">{unread > 99 ? "99+" : unread}</span> : null}
    </Link>
  );
}
