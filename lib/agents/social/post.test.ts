import { describe, expect, it } from "vitest";
import { checkPostText, chooseSpecial, MAX_POST_CHARS, rulesPost, type Candidate, type PostFacts } from "./post";

const product = (name: string, last: number, prev: number, over: Partial<Candidate> = {}): Candidate => ({ productId: name, name, description: "", priceCents: 450, imageUrl: `/menu/${name.toLowerCase()}.svg`, available: true, unitsLast7: last, unitsPrev7: prev, ...over });

describe("chooseSpecial", () => {
  it("picks the product whose 7-day sales rose most, in units", () => {
    expect(chooseSpecial([product("Latte", 100, 95), product("Mocha", 20, 5), product("Chai", 3, 1)])?.name).toBe("Mocha");
  });
  it("never picks an unavailable product, nor one without our illustration", () => {
    expect(chooseSpecial([product("Oat", 90, 0, { available: false }), product("Remote", 80, 0, { imageUrl: "https://cdn.example.com/x.svg" }), product("Latte", 2, 1)])?.name).toBe("Latte");
    expect(chooseSpecial([product("Oat", 90, 0, { available: false })])).toBeNull();
    expect(chooseSpecial([])).toBeNull();
  });
  it("breaks ties by units sold, then by name", () => {
    expect(chooseSpecial([product("Zeta", 10, 5), product("Alpha", 10, 5), product("Beta", 20, 15)])?.name).toBe("Beta");
    expect(chooseSpecial([product("Zeta", 0, 0), product("Alpha", 0, 0)])?.name).toBe("Alpha");
  });
});

const facts: PostFacts = { occasion: "daily_special", shopName: "Go Coffee Loop", productName: "Cappuccino", description: "Espresso with velvety milk foam. Ask for it dry.", priceCents: 525, currency: "USD", menuUrl: "https://go.example/shops/loop", otherProducts: ["Caffè latte", "Cold brew", "Blueberry muffin"], reason: "" };

describe("rulesPost", () => {
  it("names the product, its real price in the shop's currency, the first sentence and our link", () => {
    expect(rulesPost(facts).text).toBe("Today's special at Go Coffee Loop: Cappuccino, $5.25. Espresso with velvety milk foam. Order ahead: https://go.example/shops/loop");
    expect(rulesPost({ ...facts, occasion: "product", currency: "EUR" }).text).toMatch(/^New at Go Coffee Loop: Cappuccino, €5\.25\./);
  });
  it("leaves out a description that is too long or carries a link, and always passes its own checks", () => {
    const long = rulesPost({ ...facts, description: `${"Very ".repeat(120)}good.` }).text;
    expect(long).toBe("Today's special at Go Coffee Loop: Cappuccino, $5.25. Order ahead: https://go.example/shops/loop");
    expect(rulesPost({ ...facts, description: "Win at http://evil.example.com now." }).text).not.toContain("evil");
    expect(checkPostText(rulesPost(facts).text, facts)).toEqual([]);
  });
});

describe("checkPostText", () => {
  it("accepts a post with the product, its price and our link", () => {
    expect(checkPostText("Cappuccino for $5.25 today! https://go.example/shops/loop", facts)).toEqual([]);
    expect(checkPostText("A cappuccino kind of morning.", facts)).toEqual([]);
  });
  it("refuses more than 500 characters", () => {
    expect(checkPostText(`Cappuccino ${"a".repeat(MAX_POST_CHARS)}`, facts).join()).toMatch(/at most 500/);
  });
  it("refuses a price that is not the product's", () => {
    expect(checkPostText("Cappuccino only $3.99 today", facts).join()).toMatch(/price that is not Cappuccino's \(\$5\.25\): \$3\.99/);
    expect(checkPostText("Cappuccino, 2 for 9.00", facts).join()).toMatch(/9\.00/);
    expect(checkPostText("Cappuccino 5.25 USD", facts)).toEqual([]);
  });
  it("refuses other products and a post that does not name its own", () => {
    expect(checkPostText("Cappuccino and a Blueberry muffin", facts).join()).toMatch(/other products: Blueberry muffin/);
    expect(checkPostText("Coffee today!", facts).join()).toMatch(/does not name Cappuccino/);
  });
  it("refuses links other than our site's, with or without a scheme", () => {
    expect(checkPostText("Cappuccino! http://evil.example.com/win", facts).join()).toMatch(/links elsewhere/);
    expect(checkPostText("Cappuccino! see bit.ly/abc", facts).join()).toMatch(/links elsewhere/);
    expect(checkPostText("Cappuccino! https://go.example/shops/loop?x=1", facts)).toEqual([]);
  });
});
