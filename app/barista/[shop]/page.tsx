import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";
import { requireShopAccess, type ShopRef } from "@/lib/shops/access";
import { requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { listOwnTasks } from "@/lib/agents/tasks/manage";
import { tastingsToScore } from "@/lib/agents/tasting/manage";
import { getQueue } from "@/lib/queue/tickets";
import { ForbiddenPanel } from "@/components/staff/forbidden-panel";
import { QueueScreen } from "./_components/queue-screen";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ shop: string }> };

export const metadata: Metadata = { title: "Queue", robots: { index: false } };

/** /barista/:shop — the live queue of one shop, for its staff. */
export default async function QueuePage({ params }: Props) {
  const { shop: slug } = await params;
  const user = await requireSignedIn(`/barista/${encodeURIComponent(slug)}`);

  let shop: ShopRef;
  try {
    ({ shop } = await requireShopAccess(slug, "queue:work"));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "forbidden") return <ForbiddenPanel email={user.email} />;
    notFound();
  }

  const [{ tickets, more }, tastings, tasks] = await Promise.all([getQueue(db(), shop.id, env().QUEUE_SNAPSHOT_LIMIT), tastingsToScore(db(), shop.id, user.id), listOwnTasks(db(), shop.id, user.id)]);
  return (
    <QueueScreen
      shop={{ slug: shop.slug, name: shop.name, timezone: shop.timezone }}
      initialTickets={tickets}
      initialMore={more}
      tastings={tastings.map((t) => ({ id: t.id, name: t.name, scheduledAt: t.scheduledAt.toISOString() }))}
      tasks={tasks}
    />
  );
}
