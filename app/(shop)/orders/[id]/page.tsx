import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderTracker } from "@/components/orders/order-tracker";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { cancelOrderAction } from "@/app/(shop)/actions";
import { DomainError } from "@/lib/actions/result";
import { getSessionUser, requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { trackingPath } from "@/lib/orders/links";
import { viewOrder } from "@/lib/orders/view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string | string[] }> };

/** The order for whoever may see it (lib/orders/access.ts): null for anyone else, as for an unknown id. */
const loadOrder = cache(async (id: string, token: string | null) => {
  try {
    return await viewOrder(db(), id, { user: await getSessionUser(), token });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // An account's order, opened signed out: sign in, then come back here.
    if (error.code === "unauthenticated") await requireSignedIn(trackingPath({ id, trackingToken: token }));
    return null;
  }
});

const tokenOf = (value: string | string[] | undefined) => (typeof value === "string" ? value : null);

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const order = await loadOrder((await params).id, tokenOf((await searchParams).token));
  return { title: order ? `Order ${order.pickupCode}` : "Order not found", robots: { index: false } };
}

/** /orders/:id?token=… — the customer's tracking page. */
export default async function OrderPage({ params, searchParams }: Props) {
  const order = await loadOrder((await params).id, tokenOf((await searchParams).token));
  if (!order) notFound();

  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 pt-5 pb-16 sm:pt-8">
        <OrderTracker initialOrder={order} cancelOrder={cancelOrderAction} />
      </main>
    </>
  );
}
