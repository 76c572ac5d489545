import type { ShopSummary } from "@/lib/shops/queries";
import { cn } from "@/lib/ui/cn";

export function ShopCard({ shop }: { shop: ShopSummary }) {
  return (
    <article aria-labelledby={`shop-${shop.slug}`} className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-espresso/10">
      <h2 id={`shop-${shop.slug}`} className="text-lg font-semibold">
        {shop.name}
      </h2>
      <p className="mt-1 text-sm text-espresso/70">
        {shop.addressLine}, {shop.city}
        {shop.region ? `, ${shop.region}` : ""}
      </p>
      <p className={cn("mt-3 inline-flex items-center gap-2 text-sm font-medium", shop.opening.open ? "text-emerald-700" : "text-espresso/60")}>
        <span aria-hidden className={cn("size-2 rounded-full", shop.opening.open ? "bg-emerald-600" : "bg-espresso/30")} />
        {shop.openingLabel}
      </p>
    </article>
  );
}
