import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CategoryNav } from "@/components/menu/category-nav";
import { MenuCartButton } from "@/components/menu/menu-cart-button";
import { MenuFilters } from "@/components/menu/menu-filters";
import { MenuSection } from "@/components/menu/menu-section";
import { PRODUCT_PARAM } from "@/components/menu/product-param";
import { ShopHeader } from "@/components/menu/shop-header";
import { ShopOrderingProvider } from "@/components/menu/shop-ordering-provider";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { filterMenu, parseMenuFilters } from "@/lib/catalog/dietary";
import { getShopMenu } from "@/lib/catalog/menu";
import { db } from "@/lib/db";

// Prices, stock and opening hours change under us: render on every request.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const loadMenu = cache((slug: string) => getShopMenu(db(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const menu = await loadMenu((await params).slug);
  return { title: menu ? `${menu.shop.name} menu` : "Shop not found" };
}

export default async function ShopMenuPage({ params, searchParams }: Props) {
  const menu = await loadMenu((await params).slug);
  if (!menu) notFound();
  const query = await searchParams;
  const product = query[PRODUCT_PARAM];
  const filters = parseMenuFilters(query.diet);
  const categories = filterMenu(menu.categories, filters);

  return (
    <ShopOrderingProvider menu={menu} initialProduct={typeof product === "string" ? product : undefined}>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <ShopHeader shop={menu.shop} />
      <CategoryNav categories={categories.map(({ slug, name }) => ({ slug, name }))}>
        <MenuCartButton />
      </CategoryNav>
      <main className="mx-auto max-w-5xl space-y-10 px-4 pt-6 pb-32 sm:pb-16">
        <MenuFilters shopSlug={menu.shop.slug} active={filters} />
        {menu.categories.length === 0 ? <p className="text-espresso/70">This shop has nothing on its menu yet.</p> : null}
        {menu.categories.length > 0 && categories.length === 0 ? <p className="text-espresso/70">Nothing on this menu fits those filters today.</p> : null}
        {categories.map((category) => (
          <MenuSection key={category.slug} category={category} currency={menu.shop.currency} />
        ))}
      </main>
    </ShopOrderingProvider>
  );
}
