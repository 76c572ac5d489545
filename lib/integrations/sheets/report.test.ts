import { generateKeyPairSync, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rowRunsBottomUp, tabRange } from "./client";
import { revisedDay } from "./daily";
import { dayMessage, dayRows, spreadsheetIdOf } from "./report";
import { signedAssertion } from "./token";

const ID = "1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms";

describe("what an admin pastes as the spreadsheet", () => {
  it("takes the id, or the id from the spreadsheet's address, and nothing else", () => {
    expect(spreadsheetIdOf(ID)).toBe(ID);
    expect(spreadsheetIdOf(`https://docs.google.com/spreadsheets/d/${ID}/edit#gid=0`)).toBe(ID);
    expect(spreadsheetIdOf(`  https://docs.google.com/spreadsheets/d/${ID}  `)).toBe(ID);
    expect(spreadsheetIdOf(`https://evil.example/spreadsheets/d/${ID}/edit`)).toBeNull();
    expect(spreadsheetIdOf("short")).toBeNull();
    expect(spreadsheetIdOf(`${ID}/../x`)).toBeNull();
  });
});

describe("a shop's day as rows", () => {
  const figures = {
    shopName: "SFO Terminal 2",
    day: "2026-12-02",
    currency: "USD",
    orders: 41,
    salesCents: 31_240,
    tipsCents: 1_205,
    cancelled: 2,
    products: [{ name: "Caffè latte", quantity: 18, salesCents: 9_900 }],
    stock: [
      { name: "Oat milk", onHand: 300, unit: "ML", reorderLevel: 2_000 },
      { name: "Espresso beans", onHand: 5_000, unit: "G", reorderLevel: 1_000 },
    ],
  };

  it("keys every row by the day, money in the currency's major unit, stock at or under its reorder level marked", () => {
    expect(dayRows(figures)).toEqual([
      ["2026-12-02", "sales", "Orders", 41, 312.4, "USD"],
      ["2026-12-02", "sales", "Tips", "", 12.05, "USD"],
      ["2026-12-02", "sales", "Cancelled or refunded", 2, "", ""],
      ["2026-12-02", "product", "Caffè latte", 18, 99, "USD"],
      ["2026-12-02", "stock (reorder)", "Oat milk", 300, "", "ml"],
      ["2026-12-02", "stock", "Espresso beans", 5000, "", "g"],
    ]);
    expect(dayMessage(figures)).toMatchObject({ type: "day", tab: "SFO Terminal 2", day: "2026-12-02", text: "SFO Terminal 2, 2026-12-02: 41 orders, $312.40, 2 stock lines" });
  });
});

describe("replacing a day's rows", () => {
  it("deletes runs of rows bottom first, so one deletion never shifts the next", () => {
    expect(rowRunsBottomUp([3, 4, 5, 9, 10, 1])).toEqual([
      { start: 9, end: 11 },
      { start: 3, end: 6 },
      { start: 1, end: 2 },
    ]);
    expect(rowRunsBottomUp([])).toEqual([]);
  });

  it("quotes a tab's name in a range, doubling its quotes", () => {
    expect(tabRange("Joe's Café", "A:A")).toBe("'Joe''s Café'!A:A");
  });
});

describe("the service account's signed assertion", () => {
  it("names the account, the Sheets scope and the token endpoint, lasts an hour, and verifies under the account's public key", () => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const key = { type: "service_account" as const, client_email: "sa@p.iam.gserviceaccount.com", private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), private_key_id: "k1" };
    const jwt = signedAssertion(key, "https://oauth2.googleapis.com/token", 1_800_000_000);
    const [header, claims, signature] = jwt.split(".");
    expect(JSON.parse(Buffer.from(header!, "base64url").toString())).toEqual({ alg: "RS256", typ: "JWT", kid: "k1" });
    expect(JSON.parse(Buffer.from(claims!, "base64url").toString())).toEqual({ iss: key.client_email, scope: "https://www.googleapis.com/auth/spreadsheets", aud: "https://oauth2.googleapis.com/token", iat: 1_800_000_000, exp: 1_800_003_600 });
    expect(verify("RSA-SHA256", Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature!, "base64url"))).toBe(true);
  });
});

describe("a written day, revised", () => {
  it("takes the sales and products as they are now and the stock rows as first written", () => {
    const base = { shopName: "SFO", day: "2026-12-03", currency: "USD", cancelled: 0, tipsCents: 0 };
    const written = dayMessage({ ...base, orders: 3, salesCents: 1200, products: [{ name: "Latte", quantity: 3, salesCents: 1200 }], stock: [{ name: "Oat milk", onHand: 900, unit: "MILLILITER", reorderLevel: 500 }] });
    const fresh = dayMessage({ ...base, orders: 2, salesCents: 800, cancelled: 1, products: [{ name: "Latte", quantity: 2, salesCents: 800 }], stock: [] });
    const revised = revisedDay(fresh, written);
    expect(revised.rows).toEqual([
      ["2026-12-03", "sales", "Orders", 2, 8, "USD"],
      ["2026-12-03", "sales", "Tips", "", 0, "USD"],
      ["2026-12-03", "sales", "Cancelled or refunded", 1, "", ""],
      ["2026-12-03", "product", "Latte", 2, 8, "USD"],
      ["2026-12-03", "stock", "Oat milk", 900, "", "milliliter"],
    ]);
    expect(revised.text).toBe("SFO, 2026-12-03: 2 orders, $8.00, 1 stock lines (revised)");
  });
});
