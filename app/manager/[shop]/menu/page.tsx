import type { Metadata } from "next";
import { getEditableMenu } from "@/lib/catalog/edit-menu";
import { db } from "@/lib/db";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { MenuEditor } from "./menu-editor";
import { OptionEditor, type OptionGroupRow } from "./option-editor";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Menu · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

/** /manager/:shop/menu — this shop's prices and availability, per product and per option. */
export default async function ManagerMenuPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "menu:edit", "menu");
  if (!access.ok) return access.page;
  const products = await getEditableMenu(db(), access.shop.id);

  // Option groups are shared by many products (milk for every latte): edit each once.
  const groups = new Map<string, OptionGroupRow>();
  for (const p of products) for (const g of p.optionGroups) if (!groups.has(g.id)) groups.set(g.id, { id: g.id, name: g.name, options: g.options });

  return (
    <ManagerFrame shop={access.shop} tab="menu">
      <section aria-labelledby="products-heading">
        <h2 id="products-heading" className="text-xl font-bold">
          Products
        </h2>
        <p className="mt-1 text-sm text-espresso/70">Prices and availability at this shop. New orders use a change within seconds; orders already placed keep their price.</p>
        <MenuEditor shopSlug={access.shop.slug} products={products.map(({ optionGroups: _groups, ...p }) => p)} />
      </section>
      <section aria-labelledby="options-heading" className="mt-10">
        <h2 id="options-heading" className="text-xl font-bold">
          Options
        </h2>
        <p className="mt-1 text-sm text-espresso/70">Switch an option off for today, or charge a different amount for it here.</p>
        <OptionEditor shopSlug={access.shop.slug} groups={[...groups.values()]} />
      </section>
    </ManagerFrame>
  );
}
