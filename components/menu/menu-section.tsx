import type { MenuCategory } from "@/lib/catalog/types";
import { ProductCard } from "./product-card";

export const categoryAnchor = (slug: string) => `category-${slug}`;

export function MenuSection({ category, currency }: { category: MenuCategory; currency: string }) {
  const id = categoryAnchor(category.slug);
  return (
    <section id={id} aria-labelledby={`${id}-title`} data-category={category.slug} className="scroll-mt-20">
      <h2 id={`${id}-title`} className="mb-4 text-xl font-bold tracking-tight">
        {category.name}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2 sm:gap-4">
        {category.products.map((product) => (
          <ProductCard key={product.id} product={product} currency={currency} />
        ))}
      </div>
    </section>
  );
}
