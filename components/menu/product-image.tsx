import type { MenuProduct } from "@/lib/catalog/types";
import { cn } from "@/lib/ui/cn";

/** The product's illustration (an SVG under public/menu/), decorative: the name is always next to it. */
export function ProductImage({ product, className }: { product: Pick<MenuProduct, "imageUrl" | "name">; className?: string }) {
  if (!product.imageUrl) {
    return (
      <div aria-hidden className={cn("grid place-items-center rounded-2xl bg-[#F5EBDD] text-2xl font-bold text-espresso/75", className)}>
        {product.name.charAt(0)}
      </div>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- small local SVGs: nothing for the image optimiser to do.
  return <img src={product.imageUrl} alt="" width={120} height={120} loading="lazy" decoding="async" className={cn("rounded-2xl object-cover", className)} />;
}
