import type { MenuProduct } from "@/lib/catalog/types";
import { cn } from "@/lib/ui/cn";
import { formatMoney } from "@/lib/ui/money";
import { Badge } from "@/components/ui/badge";
import { OpenProductButton } from "./open-product-button";
import { ProductImage } from "./product-image";
import { defaultPriceCents } from "./product-price";
import { DietaryLabels } from "./dietary-labels";
import { defaultTags } from "@/lib/catalog/dietary";

/** One product on the menu; the whole card opens it. Unavailable products stay visible, greyed, with the reason. */
export function ProductCard({ product, currency }: { product: MenuProduct; currency: string }) {
  const titleId = `product-${product.slug}`;
  return (
    <article
      aria-labelledby={titleId}
      className={cn(
        "group relative flex gap-4 rounded-3xl bg-white p-3 pl-4 shadow-[0_1px_2px_rgb(59_36_24/0.06)] ring-1 ring-espresso/8 transition",
        product.available ? "hover:-translate-y-0.5 hover:shadow-md hover:ring-espresso/15 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-crema" : "bg-white/60",
      )}
    >
      <div className="flex min-w-0 flex-1 flex-col py-1">
        <form method="get">
          <h3 id={titleId} className={cn("text-base leading-snug font-semibold", !product.available && "text-espresso/75")}>
            <OpenProductButton slug={product.slug} disabled={!product.available}>
              {product.name}
            </OpenProductButton>
          </h3>
        </form>
        <p className={cn("mt-1 line-clamp-2 text-sm leading-relaxed text-espresso/75", !product.available && "text-espresso/75")}>{product.description}</p>
        <div className="mt-auto flex flex-wrap items-center gap-2 pt-3">
          <span className={cn("text-[0.95rem] font-semibold tabular-nums", !product.available && "text-espresso/75")}>{formatMoney(defaultPriceCents(product), currency)}</span>
          {!product.available && product.unavailableReason ? <Badge tone="danger">{product.unavailableReason}</Badge> : null}
          <DietaryLabels product={product} tags={defaultTags(product)} />
        </div>
      </div>
      <div className="relative shrink-0 self-center">
        <ProductImage product={product} className={cn("size-24 sm:size-28", !product.available && "opacity-50 grayscale")} />
        {product.available ? (
          <span aria-hidden className="absolute -right-1 -bottom-1 grid size-8 place-items-center rounded-full bg-espresso text-lg leading-none text-foam shadow-md ring-3 ring-white transition group-hover:scale-110">
            +
          </span>
        ) : null}
      </div>
    </article>
  );
}
