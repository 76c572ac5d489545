import Link from "next/link";
import type { MenuShop } from "@/lib/catalog/types";
import { OpeningBadge } from "@/components/shops/opening-badge";

/** "Closed, opens Mon 07:00" → "Closed — opens Mon 07:00". */
export function closedLabel(openingLabel: string): string {
  return openingLabel.replace(/^Closed,\s*/, "Closed — ");
}

export function ShopHeader({ shop }: { shop: MenuShop }) {
  return (
    <div className="mx-auto max-w-5xl px-4 pt-5 pb-6 sm:pt-8">
      <Link href="/" className="text-sm font-medium text-espresso/75 hover:text-espresso">
        ← All shops
      </Link>
      <h1 className="mt-3 text-[1.75rem] leading-tight font-bold tracking-tight text-balance sm:text-4xl">{shop.name}</h1>
      <p className="mt-1.5 text-sm text-espresso/75">
        {shop.addressLine}, {shop.city}
        {shop.region ? `, ${shop.region}` : ""}
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1">
        <OpeningBadge opening={shop.opening} label={shop.openingLabel} pulse />
        <span className="text-sm text-espresso/75">Order ahead · pick up at the counter</span>
      </div>
      {!shop.opening.open ? (
        <div role="status" className="mt-5 rounded-2xl bg-amber-50 px-4 py-3 text-amber-950 ring-1 ring-amber-700/20">
          <p className="font-semibold">{closedLabel(shop.openingLabel)}</p>
          <p className="mt-0.5 text-sm text-amber-950/75">Have a look at the menu; ordering opens when the shop does.</p>
        </div>
      ) : null}
    </div>
  );
}
