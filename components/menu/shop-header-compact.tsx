import type { MenuShop } from "@/lib/catalog/types";
import { OpeningBadge } from "@/components/shops/opening-badge";

/** "Pickup at Go Coffee SoHo · Open until 19:00" for pages under the menu. */
export function ShopHeaderCompact({ shop }: { shop: MenuShop }) {
  return (
    <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-espresso/75">
      <span>
        Pickup at <span className="font-semibold text-espresso">{shop.name}</span>
      </span>
      <OpeningBadge opening={shop.opening} label={shop.openingLabel} />
    </div>
  );
}
