import Link from "next/link";
import type { ShopSummary } from "@/lib/shops/summary";
import { OpeningBadge } from "./opening-badge";

/** One shop on the home page; the whole card leads to its menu. */
export function ShopCard({ shop }: { shop: ShopSummary }) {
  return (
    <article
      aria-labelledby={`shop-${shop.slug}`}
      className="group relative flex flex-col rounded-3xl bg-white p-5 shadow-[0_1px_2px_rgb(59_36_24/0.06)] ring-1 ring-espresso/8 transition hover:-translate-y-0.5 hover:shadow-md hover:ring-espresso/15 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-crema"
    >
      <h2 id={`shop-${shop.slug}`} className="text-lg leading-snug font-semibold">
        <Link href={`/shops/${shop.slug}`} className="outline-none after:absolute after:inset-0 after:rounded-3xl">
          {shop.name}
        </Link>
      </h2>
      <p className="mt-1 text-sm text-espresso/75">
        {shop.addressLine}, {shop.city}
        {shop.region ? `, ${shop.region}` : ""}
      </p>
      <div className="mt-auto flex items-center justify-between gap-3 pt-4">
        <OpeningBadge opening={shop.opening} label={shop.openingLabel} />
        <span aria-hidden className="text-sm font-semibold text-espresso/70 transition group-hover:translate-x-0.5 group-hover:text-espresso">
          {shop.opening.open ? "Order →" : "Menu →"}
        </span>
      </div>
    </article>
  );
}
