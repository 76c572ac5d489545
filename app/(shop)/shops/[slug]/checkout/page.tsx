import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CheckoutView } from "@/components/checkout/checkout-view";
import { ShopHeaderCompact } from "@/components/menu/shop-header-compact";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { getShopMenu } from "@/lib/catalog/menu";
import { db } from "@/lib/db";
import { placeOrderAction } from "@/app/(shop)/actions";

// The cart is priced against the live menu (prices, stock, opening hours).
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({ params }: { params: Promise<{ slug: string }> }) {
  const menu = await getShopMenu(db(), (await params).slug);
  if (!menu) notFound();

  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 pt-5 pb-16 sm:pt-8">
        <Link href={`/shops/${menu.shop.slug}`} className="text-sm font-medium text-espresso/60 hover:text-espresso">
          ← Back to menu
        </Link>
        <h1 className="mt-3 text-3xl font-bold tracking-tight">Checkout</h1>
        <ShopHeaderCompact shop={menu.shop} />
        <div className="mt-6">
          <CheckoutView menu={menu} placeOrder={placeOrderAction} />
        </div>
      </main>
    </>
  );
}
