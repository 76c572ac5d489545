/** `/shops/<slug>?product=<product slug>` opens that product's dialog (links, and taps before hydration). */
export const PRODUCT_PARAM = "product";
