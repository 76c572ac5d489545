"use client";

import type { ReactNode } from "react";
import { PRODUCT_PARAM } from "./product-param";
import { useShopOrdering } from "./shop-ordering-provider";

/**
 * The product name as a button that covers its whole card and opens the product. Inside a GET
 * form it submits `?product=<slug>`, so a tap before the page is interactive still opens the
 * product once it is; afterwards the click opens the dialog in place.
 */
export function OpenProductButton({ slug, disabled, children }: { slug: string; disabled?: boolean; children: ReactNode }) {
  const { openProduct } = useShopOrdering();
  return (
    <button
      type="submit"
      name={PRODUCT_PARAM}
      value={slug}
      disabled={disabled}
      onClick={(event) => {
        event.preventDefault();
        openProduct(slug);
      }}
      className="text-left outline-none after:absolute after:inset-0 after:rounded-3xl enabled:cursor-pointer disabled:cursor-default"
    >
      {children}
    </button>
  );
}
