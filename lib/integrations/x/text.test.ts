import { describe, expect, it } from "vitest";
import { fitForX, xLength, X_MAX_WEIGHT } from "./text";

const LINK = "https://go.example/shops/loop";

describe("xLength", () => {
  it("counts Latin text per character and a link as 23, whatever its length", () => {
    expect(xLength("Cappuccino, $5.25.")).toBe(18);
    expect(xLength(`Order: ${LINK}`)).toBe(7 + 23);
    expect(xLength(`${LINK}/${"a".repeat(100)}`)).toBe(23);
  });
  it("counts CJK, emoji and the ellipsis as 2", () => {
    expect(xLength("咖啡")).toBe(4);
    expect(xLength("☕")).toBe(2);
    expect(xLength("…")).toBe(2);
  });
  it("counts a link X does not recognise (no dot in its host) as the text it is", () => {
    expect(xLength("http://localhost:3000/shops/loop")).toBe(32);
  });
});

describe("fitForX", () => {
  it("leaves a post that fits as it is", () => {
    const text = `Today's special: Cappuccino, $5.25. Order ahead: ${LINK}`;
    expect(fitForX(text)).toBe(text);
    expect(fitForX("a".repeat(X_MAX_WEIGHT))).toBe("a".repeat(X_MAX_WEIGHT));
  });

  it("cuts a long post at a whole word with an ellipsis and keeps its link, within 280", () => {
    const words = "Espresso with velvety milk foam, ask for it dry or wet as you like it. ".repeat(6);
    const text = `Today's special at Go Coffee Loop: Cappuccino, $5.25. ${words}Order ahead: ${LINK}`;
    const fitted = fitForX(text);
    expect(xLength(fitted)).toBeLessThanOrEqual(X_MAX_WEIGHT);
    expect(fitted.endsWith(`…\n${LINK}`)).toBe(true);
    expect(fitted.startsWith("Today's special at Go Coffee Loop: Cappuccino, $5.25.")).toBe(true);
    // The cut is at a word: the last word before the ellipsis is a whole word of the text.
    const lastWord = fitted.split("…")[0]!.split(/\s+/).pop()!;
    expect(words.split(/\s+/).map((w) => w.replace(/[.,]$/, ""))).toContain(lastWord);
  });

  it("keeps a link before the cut where it is, and moves one after the cut to the end", () => {
    const middle = `${"word ".repeat(30)}see ${LINK} and https://go.example/menu ${"more ".repeat(40)}`;
    const fitted = fitForX(middle);
    expect(xLength(fitted)).toBeLessThanOrEqual(X_MAX_WEIGHT);
    expect(fitted).toMatch(new RegExp(`^(word ){30}see ${LINK} and https://go\\.example/menu (more ){10,}more…$`));
    const late = `${"word ".repeat(60)}then ${LINK} and ${"more ".repeat(10)}https://go.example/menu`;
    const moved = fitForX(late);
    expect(xLength(moved)).toBeLessThanOrEqual(X_MAX_WEIGHT);
    expect(moved).toMatch(new RegExp(`word…\\n${LINK} https://go\\.example/menu$`));
  });

  it("puts a space between a link and the ellipsis, so the link stays whole", () => {
    const fitted = fitForX(`${"word ".repeat(50)}${LINK} ${"x".repeat(150)}`);
    expect(fitted).toMatch(new RegExp(`${LINK} …$`));
  });

  it("drops trailing punctuation before the ellipsis and counts wide characters as 2", () => {
    const fitted = fitForX(`${"咖啡 ".repeat(100)}`);
    expect(xLength(fitted)).toBeLessThanOrEqual(X_MAX_WEIGHT);
    expect(fitted).toMatch(/咖啡…$/);
    expect(fitForX(`${"abc, ".repeat(80)}`)).toMatch(/abc…$/);
  });

  it("cuts inside one very long word rather than posting almost nothing", () => {
    const fitted = fitForX(`Hi ${"x".repeat(400)}`);
    expect(fitted.length).toBeGreaterThan(200);
    expect(xLength(fitted)).toBeLessThanOrEqual(X_MAX_WEIGHT);
  });
});
