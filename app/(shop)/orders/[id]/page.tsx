import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderTracker } from "@/components/orders/order-tracker";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { cancelOrderAction } from "@/app/(shop)/actions";
import { orderForPage } from "@/app/(shop)/order-for-page";
import { getSessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { isOrderCustomer } from "./customer";
import { orderRating } from "./order-rating";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ token?: string | string[] }> };

const loadOrder = cache((id: string, token: string | string[] | undefined) => orderForPage(id, token));

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const order = await loadOrder((await params).id, (await searchParams).token);
  return { title: order ? `Order ${order.pickupCode}` : "Order not found", robots: { index: false } };
}

/** "Notify me when it's ready" for the order's customer (not staff looking at it), when this server sends Web Push. */
async function readyNotify(order: NonNullable<Awaited<ReturnType<typeof loadOrder>>>, token: string | null) {
  const vapidPublicKey = env().VAPID_PUBLIC_KEY;
  if (!vapidPublicKey || !(await isOrderCustomer(order, await getSessionUser(), token))) return null;
  return { vapidPublicKey, token };
}

/** /orders/:id?token=… — the customer's tracking page. */
export default async function OrderPage({ params, searchParams }: Props) {
  const { token } = await searchParams;
  const order = await loadOrder((await params).id, token);
  if (!order) notFound();

  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 pt-5 pb-16 sm:pt-8">
        <OrderTracker
          initialOrder={order}
          cancelOrder={cancelOrderAction}
          notify={await readyNotify(order, typeof token === "string" ? token : null)}
          rating={await orderRating(order, typeof token === "string" ? token : null)}
        />
      </main>
    </>
  );
}
