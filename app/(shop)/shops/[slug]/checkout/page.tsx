import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CheckoutView } from "@/components/checkout/checkout-view";
import { ShopHeaderCompact } from "@/components/menu/shop-header-compact";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { getShopMenu } from "@/lib/catalog/menu";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { beanBalance } from "@/lib/loyalty/ledger";
import { env } from "@/lib/env";
import { trackingPath } from "@/lib/orders/links";
import { pickupOptions } from "@/lib/orders/schedule/capacity";
import { walletSettings } from "@/lib/wallet/settings";
import { placeOrderAction } from "@/app/(shop)/actions";
import { orderForPage } from "@/app/(shop)/order-for-page";

// The cart is priced against the live menu (prices, stock, opening hours).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Checkout" };

/**
 * `?order=<id>&token=…`: the crypto payment step of a placed CRYPTO order (also where the tracking
 * page's "Pay the rest" leads). The wallet code loads only here (next/dynamic inside CheckoutView).
 */
export default async function CheckoutPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ order?: string | string[]; token?: string | string[] }> }) {
  const menu = await getShopMenu(db(), (await params).slug);
  if (!menu) notFound();
  const { order: orderId, token } = await searchParams;
  const order = typeof orderId === "string" ? await orderForPage(orderId, token) : null;
  if (typeof orderId === "string" && (!order || order.shop.slug !== menu.shop.slug)) notFound();
  if (order && (order.paymentMethod !== "CRYPTO" || order.status !== "PENDING_PAYMENT")) redirect(trackingPath(order));
  const user = order ? null : await getSessionUser();
  const beans = user ? await beanBalance(db(), user.id) : null;
  const pickup = order ? null : await pickupOptions(db(), { ...menu.shop, basePrepMinutes: (await db().shop.findUniqueOrThrow({ where: { id: menu.shop.id }, select: { basePrepMinutes: true } })).basePrepMinutes });

  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 pt-5 pb-16 sm:pt-8">
        <Link href={`/shops/${menu.shop.slug}`} className="text-sm font-medium text-espresso/75 hover:text-espresso">
          ← Back to menu
        </Link>
        <h1 className="mt-3 text-3xl font-bold tracking-tight">Checkout</h1>
        <ShopHeaderCompact shop={menu.shop} />
        <div className="mt-6">
          <CheckoutView
            menu={menu}
            placeOrder={placeOrderAction}
            beans={beans}
            pickupOptions={pickup}
            payment={order ? { order: { id: order.id, trackingToken: order.trackingToken, totalCents: order.totalCents, currency: order.currency }, settings: walletSettings(env()) } : null}
          />
        </div>
      </main>
    </>
  );
}
