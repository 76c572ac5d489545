import type { Cell } from "./client";

/**
 * What a shop's day looks like in its tab, pure: one row per line, the day in column A (the key a
 * re-send replaces by), then what the line is. Money is kept in integer cents until here, where it
 * becomes the shop currency's major unit for people reading the sheet.
 */

export const DAY_HEADER: Cell[] = ["Date", "Line", "Item", "Quantity", "Amount", "Unit"];
export const TEST_TAB = "Go Coffee test";
export const TEST_HEADER: Cell[] = ["Key", "Sent by", "Sent at"];

export type DayFigures = {
  shopName: string;
  day: string;
  currency: string;
  orders: number;
  salesCents: number;
  cancelled: number;
  tipsCents: number;
  products: { name: string; quantity: number; salesCents: number }[];
  stock: { name: string; onHand: number; unit: string; reorderLevel: number }[];
};

export type SheetsMessage =
  | { type: "day"; tab: string; day: string; header: Cell[]; rows: Cell[][]; text: string }
  | { type: "test"; tab: string; header: Cell[]; rows: Cell[][]; text: string };

const major = (cents: number) => cents / 100;

export function dayRows(f: DayFigures): Cell[][] {
  return [
    [f.day, "sales", "Orders", f.orders, major(f.salesCents), f.currency],
    [f.day, "sales", "Tips", "", major(f.tipsCents), f.currency],
    [f.day, "sales", "Cancelled or refunded", f.cancelled, "", ""],
    ...f.products.map((p): Cell[] => [f.day, "product", p.name, p.quantity, major(p.salesCents), f.currency]),
    ...f.stock.map((s): Cell[] => [f.day, s.onHand <= s.reorderLevel ? "stock (reorder)" : "stock", s.name, s.onHand, "", s.unit.toLowerCase()]),
  ];
}

export function dayMessage(f: DayFigures): SheetsMessage {
  const sales = new Intl.NumberFormat("en", { style: "currency", currency: f.currency }).format(major(f.salesCents));
  return { type: "day", tab: f.shopName, day: f.day, header: DAY_HEADER, rows: dayRows(f), text: `${f.shopName}, ${f.day}: ${f.orders} orders, ${sales}, ${f.stock.length} stock lines` };
}

/** "Send a test": one row in the test tab, replaced by the next test (the key is always "test"). */
export function testSheetMessage(by: string, at: Date): SheetsMessage {
  return { type: "test", tab: TEST_TAB, header: TEST_HEADER, rows: [["test", by, at.toISOString()]], text: `Test by ${by}: a row in the “${TEST_TAB}” tab` };
}

/**
 * The spreadsheet id from what an admin pastes: the id itself or the spreadsheet's address
 * (https://docs.google.com/spreadsheets/d/<id>/edit…). Null when it is neither.
 */
export function spreadsheetIdOf(input: string): string | null {
  const text = input.trim();
  const fromUrl = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]{20,100})(?:[/?#]|$)/.exec(text);
  if (fromUrl) return fromUrl[1]!;
  return /^[A-Za-z0-9_-]{20,100}$/.test(text) ? text : null;
}
