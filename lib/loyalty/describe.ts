import { EARNED, FREE_DRINK_BEANS, REDEEMED, RETURNED } from "./rules";

/** Sentences about beans, shared by the account pages and the checkout. */

/** "1 bean", "120 beans". */
export function beans(count: number): string {
  return `${count} ${Math.abs(count) === 1 ? "bean" : "beans"}`;
}

/** Where the customer stands on the way to the next free drink. */
export function freeDrinkProgress(balance: number, cost = FREE_DRINK_BEANS): string {
  if (balance >= cost) return `Enough for a free drink: choose it at checkout (${beans(cost)}).`;
  return `${beans(cost - balance)} more for a free drink.`;
}

const REASONS: Record<string, string> = {
  [EARNED]: "Earned with an order",
  [REDEEMED]: "Spent on a free drink",
  [RETURNED]: "Given back: the order was cancelled",
};

/** What a ledger entry was for; unknown reasons (added later, or by hand) show as stored. */
export function entryLabel(reason: string): string {
  return REASONS[reason] ?? reason;
}
