import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { parseEther } from "viem";
import { treasuryAccount } from "@/lib/defi/local-accounts";
import { giveWeth, mintUsdc, openPriceGap, restorePrices } from "@/scripts/chain/price-gap";

/**
 * The treasury desk: an admin adds and starts a paper bot; a whale's sale on Uniswap V2 (shared
 * anvil) opens a price gap against V3; the trading worker reports the opportunity and the bot's
 * paper trade appears; a live bot then trades for real (its tx hash shows); the admin presses the
 * kill switch and every bot stops. The market table shows V2's mid pushed below the oracle, the
 * analyzer's sections the whale's large swap, the live bot's gas and the wallets' holdings, and
 * the trades download as CSV. Both pools are put back at 3000 before and after, so runs sharing
 * the chain start alike. The guard's limits are changed on the screen and put back.
 */

test.describe.configure({ timeout: 90_000 });
const SLOW = { timeout: 20_000 };
const RPC = process.env.CHAIN_RPC_URL || "http://127.0.0.1:8545";

/** Adds a bot on the form (its strategy by label, then `fill` its fields), starts it once listed as `shows`, and returns its row. */
async function addAndStartBot(page: Page, name: string, strategy: string, fill: () => Promise<void>, shows: string) {
  await page.getByLabel("New bot").fill(name);
  await page.getByLabel("Strategy").selectOption({ label: strategy });
  await fill();
  await page.getByRole("button", { name: "Add bot" }).click();
  const row = page.getByRole("row", { name: `Bot ${name}` });
  await expect(row).toContainText(shows, SLOW);
  await row.getByRole("button", { name: `Start ${name}` }).click();
  return row;
}

/** A scheduled bot's one trade, once it is listed. */
async function onlyTradeOf(page: Page, name: string) {
  const trade = page.getByRole("row", { name: new RegExp(`^Trade by ${name} at block \\d+$`) });
  await expect(trade).toHaveCount(1, SLOW);
  return trade;
}

async function stopBot(row: Locator, name: string) {
  await row.getByRole("button", { name: `Stop ${name}` }).click();
  await expect(row).toContainText("stopped");
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("an admin starts a paper bot, sees an opportunity, its paper trade and the market table, starts a live bot that really trades, presses the kill switch and downloads the trades as CSV", async ({ page }, testInfo) => {
  // The kill switch is global: one project drives the desk.
  test.skip(testInfo.project.name !== "desktop", "the desk is one shared desk; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Treasury desk" })).toBeVisible(SLOW);

  const bot = `e2e-paper-${Date.now().toString(36)}`;
  await page.getByLabel("New bot").fill(bot);
  await page.getByLabel("Max trade (USD)").fill("5000");
  await page.getByRole("button", { name: "Add bot" }).click();
  const row = page.getByRole("row", { name: `Bot ${bot}` });
  await expect(row).toContainText("stopped", SLOW);
  await row.getByRole("button", { name: `Start ${bot}` }).click();
  await expect(row).toContainText("running");

  await restorePrices(RPC); // every pool at 3000, whatever an earlier run left
  const gap = await openPriceGap(RPC, parseEther("12"));
  try {
    // At the whale's block, or the next one if the shared chain moved on before the worker looked.
    const trade = page.getByRole("row", { name: new RegExp(`^Trade by ${bot} at block \\d+$`) }).last();
    await expect(trade).toBeVisible(SLOW);
    const block = Number((await trade.getAttribute("aria-label"))!.split(" ").at(-1));
    expect(block).toBeGreaterThanOrEqual(Number(gap.block));
    await expect(page.getByRole("row", { name: `Opportunity at block ${block}` })).toContainText("uniswap-v2 0.3 % → uniswap-v3 0.05 %"); // the cheaper of the two V3 tiers to sell into
    await expect(trade).toContainText("5,000.00 USDC", SLOW); // the optimum is larger: capped at the bot's maximum
    await expect(trade).toContainText("paper");
    // Its P&L, no unrealised (an arbitrage bot holds nothing) and ROI on the 5,000 USDC stake, and the P&L chart.
    await expect(row).toContainText(/\$[\d,]+\.\d{2}—-?\d+\.\d{2} %/);
    await expect(page.getByText("P&L per bot, after each counted trade")).toBeVisible();

    // Market data: V2's mid, below the oracle since the whale's sale; V3 still near it.
    const v2 = page.getByRole("row", { name: "Market uniswap-v2 0.3 % WETH/USDC" });
    await expect(v2).toContainText(/−[\d,]+ bps/, SLOW);
    await expect(v2).toContainText(/3,000\.00 USDC/); // the oracle
    await expect(v2).toContainText(/USDC up · [\d.,]+ WETH down/);
    await expect(page.getByRole("row", { name: "Market uniswap-v3 0.05 % WETH/USDC" })).toBeVisible();
    // The other V3 fee tier is watched too (not traded), against the same feed.
    await expect(page.getByRole("row", { name: "Market uniswap-v3 0.3 % WETH/USDC" })).toContainText(/3,000\.00 USDC/);
    // The price history: V2's day went below its open (the whale's sale), and the widest deviation says by how much.
    await expect(page.getByRole("heading", { level: 2, name: "Prices, last 24 hours" })).toBeVisible();
    const v2Prices = page.getByRole("row", { name: "Prices uniswap-v2 0.3 % WETH/USDC" });
    await expect(v2Prices).toContainText(/−\d+\.\d\d %/, SLOW);
    await expect(v2Prices).toContainText(/[1-9][\d,]* bps/);
    await expect(page.getByRole("row", { name: "Prices uniswap-v3 0.05 % WETH/USDC" })).toBeVisible();

    // A live bot: the next block (a smaller sale) gives it the gap, and it trades for real.
    const liveBot = `e2e-live-${Date.now().toString(36)}`;
    await page.getByLabel("New bot").fill(liveBot);
    await page.getByLabel("Mode").selectOption("LIVE");
    await page.getByRole("button", { name: "Add bot" }).click();
    const liveRow = page.getByRole("row", { name: `Bot ${liveBot}` });
    await liveRow.getByRole("button", { name: `Start ${liveBot}` }).click();
    await expect(liveRow).toContainText("running");
    await openPriceGap(RPC, parseEther("2"));
    // It keeps trading block after block (each trade is a block) while the gap still pays.
    const liveTrade = page.getByRole("row", { name: new RegExp(`^Trade by ${liveBot} at block \\d+$`) }).first();
    await expect(liveTrade).toContainText("live", SLOW);
    await expect(liveTrade).toContainText(/0x[0-9a-f]{64}/);

    // The on-chain analyzer: the whale's sale is a large swap (12 WETH into V2, ~$33,000); the live
    // trade's gas is counted for its bot; the treasury and the shops' wallets are held and valued.
    const largeSwap = page.getByRole("row", { name: `Large swap at block ${gap.block}` });
    await expect(largeSwap).toContainText("uniswap-v2", SLOW);
    await expect(largeSwap).toContainText("+12 WETH");
    await expect(largeSwap).toContainText(/−[\d,.]+ USDC/);
    await expect(page.getByRole("row", { name: `Gas ${liveBot}` })).toContainText(/ ETH\$\d+\.\d{2}$/, SLOW);
    await expect(page.getByRole("row", { name: "Wallet Treasury" })).toContainText("ETH");
    await expect(page.getByRole("row", { name: /^Wallet Go Coffee / }).first()).toBeVisible();
    await expect(page.getByTestId("holdings-total")).toHaveText(/^\$[\d,]+\.\d{2}$/);

    await page.getByRole("button", { name: "Kill switch" }).click();
    await expect(page.getByRole("status")).toContainText("Kill switch on: every bot stopped");
    await expect(row).toContainText("stopped");
    await expect(row.getByRole("button", { name: `Start ${bot}` })).toBeVisible();
    await expect(liveRow).toContainText("stopped");

    // Every trade as CSV: the paper one and the live one with its tx hash.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download trades (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^treasury-trades-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("time (UTC),bot,strategy,mode,chain,block,token in,amount in,token out,amount out,venue,P&L (USD),tx hash,status");
    expect(csv).toContain(`,${bot},cross-venue-arbitrage,paper,31337,${block},`);
    expect(csv).toContain(",5000.000000,");
    expect(csv).toMatch(new RegExp(`,${liveBot},cross-venue-arbitrage,live,31337,\\d+,.*,0x[0-9a-f]{64},counted\\r\\n`));
  } finally {
    await restorePrices(RPC);
    await page.getByRole("button", { name: "Release kill switch" }).click().catch(() => undefined);
  }
});

test("an admin adds a DCA bot (a bad interval refused with its reason) that buys WETH at once and shows what it holds, a DCA seller that sells WETH worth its amount into USDC, and a rebalancer that buys WETH with the treasury's USDC over its target", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the desk is one shared desk; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Treasury desk" })).toBeVisible(SLOW);

  const bot = `e2e-dca-${Date.now().toString(36)}`;
  await page.getByLabel("New bot").fill(bot);
  await page.getByLabel("Strategy").selectOption({ label: "DCA: buy or sell WETH on a schedule" });
  await expect(page.getByLabel("Direction")).toHaveValue("buy");
  await expect(page.getByLabel("Max trade (USD)")).toHaveCount(0);
  await page.getByLabel("Each buy (USD)").fill("250");
  await page.getByLabel("Every (minutes)").fill("0");
  await page.getByRole("button", { name: "Add bot" }).click();
  await expect(page.getByText("Every: at least 1 minute")).toBeVisible();
  await expect(page.getByRole("row", { name: `Bot ${bot}` })).toHaveCount(0);

  await page.getByLabel("Every (minutes)").fill("60");
  await page.getByRole("button", { name: "Add bot" }).click();
  const row = page.getByRole("row", { name: `Bot ${bot}` });
  await expect(row).toContainText("DCA: buy $250.00 of WETH every 1 h", SLOW);
  await expect(row).toContainText("stopped");
  await row.getByRole("button", { name: `Start ${bot}` }).click();
  try {
    // The desk's next poll buys (a schedule by the clock: no block needed), at the newest block's quotes.
    const buy = await onlyTradeOf(page, bot);
    await expect(buy).toContainText("250.00 USDC");
    await expect(buy).toContainText(/0\.0\d{3} WETH on uniswap-v[23]/);
    await expect(buy).toContainText("paper");
    await expect(row).toContainText("running");
    // What it holds, valued at the ETH/USD feed, less what it cost: the unrealised column.
    await expect(row.getByRole("cell").nth(7)).toHaveText(/^−?\$[\d,]+\.\d{2}$/, SLOW);
    await expect(page.getByRole("row", { name: "Return of dca" })).toContainText("250.00 USDC");
  } finally {
    await stopBot(row, bot);
  }

  // A seller: WETH worth $250 at the feed into USDC every hour, from the treasury's WETH (given 1 WETH first).
  await giveWeth(RPC, treasuryAccount(31337).address, parseEther("1"));
  const seller = `e2e-dca-sell-${Date.now().toString(36)}`;
  const sellerRow = await addAndStartBot(page, seller, "DCA: buy or sell WETH on a schedule", async () => {
    await page.getByLabel("Direction").selectOption({ label: "Sell WETH" });
    await page.getByLabel("Each sale (USD)").fill("250");
    await page.getByLabel("Every (minutes)").fill("60");
  }, "DCA: sell $250.00 of WETH every 1 h");
  try {
    const sale = await onlyTradeOf(page, seller);
    await expect(sale).toContainText(/0\.08\d{2} WETH/);
    await expect(sale).toContainText(/2\d{2}\.\d{2} USDC on uniswap-v[23]/);
    // A seller holds nothing from its trades: no unrealised P&L.
    await expect(sellerRow.getByRole("cell").nth(7)).toHaveText("—");
  } finally {
    await stopBot(sellerRow, seller);
  }

  // A rebalancer keeping 10 % ± 5 of the treasury in USDC: with revenue in USDC it buys WETH, its max trade at a time.
  await mintUsdc(RPC, treasuryAccount(31337).address, 20_000_000_000n);
  const keeper = `e2e-keep-${Date.now().toString(36)}`;
  const keeperRow = await addAndStartBot(page, keeper, "Rebalance: keep a USDC share", async () => {
    await page.getByLabel("Target USDC share (%)").fill("10");
    await page.getByLabel("Band (± %)").fill("5");
    await page.getByLabel("Every (minutes)").fill("60");
    await page.getByLabel("Max trade (USD)").fill("1000");
  }, "Rebalance: 10 % USDC ± 5, checked every 1 h");
  try {
    const swap = await onlyTradeOf(page, keeper);
    await expect(swap).toContainText("1,000.00 USDC");
    await expect(swap).toContainText(/WETH on uniswap-v[23]/);
    await expect(page.getByRole("row", { name: "Return of rebalance" })).toBeVisible();
  } finally {
    await stopBot(keeperRow, keeper);
  }
});

test("an admin adds a stablecoin-mix bot (shares that do not add up refused), which sells the treasury's surplus USDC into the coin most under its target through a 0.01 % pool, and shows its mix and holdings per coin", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the desk is one shared desk; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  await expect(page.getByRole("heading", { level: 1, name: "Treasury desk" })).toBeVisible(SLOW);
  // Revenue in USDC: whatever else the shared treasury holds, USDC is well over 62 % of its stablecoins.
  await mintUsdc(RPC, treasuryAccount(31337).address, 50_000_000_000n);

  const bot = `e2e-stables-${Date.now().toString(36)}`;
  await page.getByLabel("New bot").fill(bot);
  await page.getByLabel("Strategy").selectOption({ label: "Stablecoin mix: keep USDC / USDT / DAI shares" });
  await page.getByLabel("USDC share (%)").fill("60");
  await page.getByLabel("USDT share (%)").fill("20");
  await page.getByLabel("DAI share (%)").fill("30");
  await page.getByRole("button", { name: "Add bot" }).click();
  await expect(page.getByText("The USDC, USDT and DAI shares must add up to 100 %")).toBeVisible();
  await expect(page.getByRole("row", { name: `Bot ${bot}` })).toHaveCount(0);

  await page.getByLabel("DAI share (%)").fill("20");
  await page.getByLabel("Band (± %)").fill("2");
  await page.getByLabel("Every (minutes)").fill("60");
  await page.getByLabel("Max trade (USD)").fill("1000");
  await page.getByRole("button", { name: "Add bot" }).click();
  const row = page.getByRole("row", { name: `Bot ${bot}` });
  await expect(row).toContainText("Stablecoin mix: USDC 60 % / USDT 20 % / DAI 20 % ± 2, checked every 1 h", SLOW);
  await row.getByRole("button", { name: `Start ${bot}` }).click();
  try {
    const swap = await onlyTradeOf(page, bot);
    await expect(swap).toContainText("1,000.00 USDC");
    await expect(swap).toContainText(/9\d{2}(\.\d+)? (USDT|DAI) on uniswap-v3/);
    await expect(swap).toContainText("paper");
    await expect(page.getByTestId(`stable-book-${bot}`)).toContainText(/^Book \(treasury \+ paper fills\): [\d,.]+ USDC \(\d+\.\d %\) · [\d,.]+ USDT \(\d+\.\d %\) · [\d,.]+ DAI \(\d+\.\d %\)$/, SLOW);
    // The market table shows the stablecoin pools beside the WETH/USDC ones, each coin priced in USDC.
    await expect(page.getByRole("row", { name: "Market uniswap-v3 0.01 % USDC/USDT" })).toContainText(/\d\.\d{4} USDC/);
    await expect(page.getByRole("row", { name: "Market uniswap-v3 0.01 % USDC/DAI" })).toContainText(/\d\.\d{4} USDC/);
  } finally {
    await stopBot(row, bot);
  }
});

test("an admin changes the guard's limits: a bad value is refused with its reason, a good one shows in the guard's line, and they are put back", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the guard's limits are one shared row; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  const guard = page.getByTestId("guard-limits");
  await expect(guard).toBeVisible(SLOW);
  await page.getByText("Change the guard's limits").click();
  const form = page.getByRole("form", { name: "Guard limits" });
  const slippage = form.getByLabel("Max slippage (bps)");
  const before = await slippage.inputValue();
  const changed = before === "45" ? "44" : "45";

  await slippage.fill("2.5");
  await form.getByRole("button", { name: "Save limits" }).click();
  await expect(form.getByText("Max slippage: whole basis points")).toBeVisible();
  await expect(guard).toContainText(`max slippage ${before} bps`);

  await slippage.fill(changed);
  await form.getByRole("button", { name: "Save limits" }).click();
  await expect(form.getByRole("status")).toHaveText(`Saved. Guard limits: max slippage ${before} bps → ${changed} bps.`);
  await expect(guard).toContainText(`max slippage ${changed} bps`);
  await expect(form.getByText("Max slippage: whole basis points")).toHaveCount(0);

  await slippage.fill(before);
  await form.getByRole("button", { name: "Save limits" }).click();
  await expect(guard).toContainText(`max slippage ${before} bps`);
});

test("an admin takes a pool off the guard's allowlist and puts it back, the guard's line saying which pools bots may trade on", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the allowlists are one shared row; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  const line = page.getByTestId("guard-allowlists");
  await expect(line).toContainText("Bots may trade on every pool (5) and every token (4).", SLOW);
  await page.getByText("Change the allowlists").click();
  const form = page.getByRole("form", { name: "Allowlists" });
  const pools = form.getByRole("group", { name: "Pools bots may trade on" });
  await pools.getByRole("checkbox", { name: "uniswap-v3 0.3 % WETH/USDC" }).uncheck();
  await form.getByRole("button", { name: "Save allowlists" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. Allowlists: pools: off uniswap-v3 0.3 % WETH/USDC.");
  await expect(line).toContainText("Bots may trade on pools uniswap-v3 0.05 % WETH/USDC, uniswap-v2 0.3 % WETH/USDC, uniswap-v3 0.01 % USDC/USDT, uniswap-v3 0.01 % USDC/DAI and every token (4).");
  // The page refreshes itself every 2 s: the untouched box stays as saved.
  await expect(pools.getByRole("checkbox", { name: "uniswap-v3 0.3 % WETH/USDC" })).not.toBeChecked();

  await pools.getByRole("checkbox", { name: "uniswap-v3 0.3 % WETH/USDC" }).check();
  await form.getByRole("button", { name: "Save allowlists" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved. Allowlists: pools: back on uniswap-v3 0.3 % WETH/USDC.");
  await expect(line).toContainText("Bots may trade on every pool (5) and every token (4).");
});

test("an admin sees Aave's rates, sets the cash policy (a bad one refused), approves lending the cash above it and sees the position, rejects a withdrawal, and approves the one the default policy asks", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the treasury's lending is one shared position; the desktop project covers it");
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  // Aave V3 on the shared anvil, seeded ~60 % borrowed: suppliers earn something.
  const usdcRow = page.getByRole("row", { name: "Lending USDC" });
  await expect(usdcRow).toBeVisible(SLOW);
  await expect(usdcRow.getByRole("cell").nth(1)).toHaveText(/^\d+\.\d\d %$/);
  await expect(usdcRow.getByRole("cell").nth(1)).not.toHaveText("0.00 %");

  // Revenue arrives: the treasury holds well over a day of cash.
  await mintUsdc(RPC, treasuryAccount(31337).address, 5_000_000_000n);
  await page.getByText("Change the cash policy").click();
  const form = page.getByRole("form", { name: "Cash policy" });
  await form.getByLabel("Days of cash to keep").fill("0");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByText("Days of cash: at least 1 day")).toBeVisible();
  await form.getByLabel("Days of cash to keep").fill("1");
  await form.getByLabel("Operating cash per day (USD)").fill("1000");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByRole("status")).toContainText("→ keep 1 day of $1,000, lend no WETH.");
  await expect(page.getByTestId("cash-policy")).toContainText("keep 1 day of $1,000.00 (1,000 USDC) in the wallet");

  // The worker proposes lending everything above $1,000; nothing moves until the admin approves.
  const proposal = page.getByRole("region", { name: "Lending proposal" });
  await expect(proposal).toContainText(/Supply [\d,.]+ USDC/, SLOW);
  await expect(proposal).toContainText("waiting for a decision");
  await proposal.getByRole("button", { name: "Approve move" }).click();
  await expect(proposal).toHaveCount(0, SLOW);
  const supplied = page.getByRole("row", { name: /^Lending move supply / }).first();
  await expect(supplied).toContainText("done");
  await expect(supplied).toContainText("admin@gocoffee.test");
  await expect(supplied).toContainText(/0x[0-9a-f]{64}/);
  await expect(usdcRow.getByRole("cell").nth(4)).toHaveText("1,000 USDC", SLOW);
  await expect(usdcRow.getByRole("cell").nth(5)).not.toHaveText("0 USDC");

  // A month of cash wanted: the worker proposes bringing some back; the admin says no.
  await form.getByLabel("Days of cash to keep").fill("30");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(proposal).toContainText(/Withdraw [\d,.]+ USDC/, SLOW);
  await proposal.getByRole("button", { name: "Reject move" }).click();
  await expect(proposal).toHaveCount(0, SLOW);
  await expect(page.getByRole("row", { name: /^Lending move withdraw / }).first()).toContainText("rejected");
  await expect(usdcRow.getByRole("cell").nth(4)).toHaveText("1,000 USDC");

  // Back to the default policy for whoever uses the desk next: the cash comes back once approved.
  await form.getByLabel("Days of cash to keep").fill("14");
  await form.getByLabel("Operating cash per day (USD)").fill("500");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByRole("status")).toContainText("→ keep 14 days of $500, lend no WETH.");
  await expect(proposal).toContainText(/Withdraw [\d,.]+ USDC/, SLOW);
  await proposal.getByRole("button", { name: "Approve move" }).click();
  await expect(proposal).toHaveCount(0, SLOW);
  await expect(usdcRow.getByRole("cell").nth(4)).toHaveText("7,000 USDC", SLOW);
});

test("an admin lends the treasury's WETH above an amount kept (a bad amount refused), then turns it off and the WETH comes back", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "desktop", "the treasury's lending is one shared position; the desktop project covers it");
  await giveWeth(RPC, treasuryAccount(31337).address, parseEther("5"));
  await page.goto("/admin/treasury");
  await signIn(page, "admin@gocoffee.test", "espresso-admin");
  const wethRow = page.getByRole("row", { name: "Lending WETH" });
  await expect(wethRow).toBeVisible(SLOW);
  await expect(page.getByTestId("weth-policy")).toContainText("WETH: not lent");

  await page.getByText("Change the cash policy").click();
  const form = page.getByRole("form", { name: "Cash policy" });
  const keep = form.getByLabel("WETH to keep (blank: lend no WETH)");
  await keep.fill("1,5");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByText("WETH to keep: a number of WETH like 2.5 (at most 18 decimals), or blank to lend no WETH")).toBeVisible();
  await keep.fill("1.5");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByRole("status")).toContainText("→ keep 14 days of $500, keep 1.5 WETH and lend the rest.");
  await expect(page.getByTestId("weth-policy")).toContainText("WETH: keep 1.5 WETH in the wallet and lend the rest");

  // The worker proposes lending the WETH above 1.5; approved, it is supplied to Aave.
  const proposal = page.getByRole("region", { name: "Lending proposal" });
  await expect(proposal).toContainText(/Supply [\d,.]+ WETH — the wallet holds [\d,.]+ WETH, more than the 1.5 WETH to keep: lend the rest/, SLOW);
  await proposal.getByRole("button", { name: "Approve move" }).click();
  await expect(proposal).toHaveCount(0, SLOW);
  await expect(page.getByRole("row", { name: /^Lending move supply [\d,.]+ WETH/ }).first()).toContainText("done");
  await expect(wethRow.getByRole("cell").nth(5)).not.toHaveText("0 WETH", SLOW);
  // The holdings count what is lent: the treasury's wallet row lists its aWETH (read every 10 s).
  const treasuryWallet = page.getByRole("row", { name: "Wallet Treasury" });
  await expect(treasuryWallet).toContainText(/[\d,.]+ aWETH/, { timeout: 30_000 });

  // Turned off: what is lent is proposed back and, approved, comes home.
  await keep.fill("");
  await form.getByRole("button", { name: "Save cash policy" }).click();
  await expect(form.getByRole("status")).toContainText("→ keep 14 days of $500, lend no WETH.");
  await expect(proposal).toContainText(/Withdraw [\d,.]+ WETH — WETH is no longer lent/, SLOW);
  await proposal.getByRole("button", { name: "Approve move" }).click();
  await expect(proposal).toHaveCount(0, SLOW);
  await expect(page.getByRole("row", { name: /^Lending move withdraw [\d,.]+ WETH/ }).first()).toContainText("done");
  await expect(wethRow.getByRole("cell").nth(5)).toHaveText("0 WETH", SLOW);
  await expect(treasuryWallet).not.toContainText("aWETH", { timeout: 30_000 });
  await expect(page.getByTestId("weth-policy")).toContainText("WETH: not lent");
});
