import { readFileSync } from "node:fs";
import { cssStringFromTheme, lightTheme } from "@rainbow-me/rainbowkit";
import { describe, expect, it } from "vitest";
import { WALLET_THEME_OPTIONS } from "@/lib/wallet/theme";

const declarations = (css: string) =>
  css
    .split(";")
    .map((d) => d.trim())
    .filter((d) => d.startsWith("--rk-"));

describe("rainbowkit-theme.css", () => {
  it("holds exactly the variables of RainbowKit's light theme with our options (regenerate with the snippet in the file)", () => {
    const file = readFileSync(new URL("./rainbowkit-theme.css", import.meta.url), "utf8");
    const body = file.slice(file.indexOf("[data-rk] {") + "[data-rk] {".length, file.lastIndexOf("}"));
    const expected = declarations(cssStringFromTheme(lightTheme(WALLET_THEME_OPTIONS)));
    expect(expected.length).toBeGreaterThan(40);
    expect(declarations(body).map((d) => d.replace(/:\s+/, ":"))).toEqual(expected);
  });
});
