import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";

/**
 * The wallet stack (wagmi, RainbowKit: ~220 KiB gzip) is loaded only where a wallet is used, on
 * demand (next/dynamic in the sign-in page's own client component, when the person chooses it). Strings that only that stack
 * contains identify its code in the built chunks.
 */
const WALLET_MARKERS = ["https://wagmi.sh", "WagmiProviderNotFoundError", "rk_connect_title"];
const dist = process.env.NEXT_DIST_DIR ?? ".next-test";

const hasWalletCode = (source: string) => WALLET_MARKERS.some((marker) => source.includes(marker));

test("no route loads wallet code up front (build's route bundle stats)", ({}, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "reads the build once");
  const stats = JSON.parse(readFileSync(join(dist, "diagnostics", "route-bundle-stats.json"), "utf8")) as { route: string; firstLoadChunkPaths: string[] }[];
  expect(stats.map((s) => s.route)).toEqual(expect.arrayContaining(["/", "/shops/[slug]", "/sign-in"]));
  const withWallet = stats.filter((s) => s.firstLoadChunkPaths.some((path) => hasWalletCode(readFileSync(path, "utf8")))).map((s) => s.route);
  expect(withWallet).toEqual([]);
});

test("the home page, a shop's menu and the sign-in page fetch no wallet code until someone chooses Sign in with Ethereum", async ({ page }) => {
  const scripts: { url: string; body: Promise<string> }[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") scripts.push({ url: response.url(), body: response.text().catch(() => "") });
  });
  const walletScripts = async () => (await Promise.all(scripts.map(async (s) => (hasWalletCode(await s.body) ? s.url : null)))).filter(Boolean);

  await page.goto("/");
  await page.getByRole("link", { name: "Go Coffee SoHo" }).click();
  await expect(page).toHaveURL(/\/shops\/new-york-soho$/);
  await page.waitForLoadState("networkidle");
  expect(await walletScripts()).toEqual([]);

  await page.goto("/sign-in");
  await page.getByLabel("Email").focus();
  await page.waitForLoadState("networkidle");
  expect(await walletScripts()).toEqual([]);

  // The positive control: choosing it loads the wallet stack, which the markers identify.
  await page.getByRole("button", { name: "Sign in with Ethereum" }).click();
  await expect(page.getByRole("dialog")).toBeVisible({ timeout: 15_000 });
  expect((await walletScripts()).length).toBeGreaterThan(0);
});
