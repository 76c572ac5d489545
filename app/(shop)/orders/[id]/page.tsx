import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { OrderTracker } from "@/components/orders/order-tracker";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { cancelOrderAction } from "@/app/(shop)/actions";
import { db } from "@/lib/db";
import { getOrderView } from "@/lib/orders/view";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const loadOrder = cache((id: string) => getOrderView(db(), id));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const order = await loadOrder((await params).id);
  return { title: order ? `Order ${order.pickupCode}` : "Order not found", robots: { index: false } };
}

export default async function OrderPage({ params }: Props) {
  const order = await loadOrder((await params).id);
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
