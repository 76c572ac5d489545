/** Loyalty rules, shared by the ledger (server) and the checkout (browser). */

export const BEANS_PER_ORDER = 10;
export const FREE_DRINK_BEANS = 100;

/** Ledger reasons (one entry per order and reason). */
export const EARNED = "order";
export const REDEEMED = "free drink";
export const RETURNED = "free drink returned";
