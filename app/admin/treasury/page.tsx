import type { Metadata } from "next";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { adminAccess } from "../_components/admin-access";
import { formatTokenAmount } from "@/lib/chain/token-amount";
import { db } from "@/lib/db";
import { localWethUsdc } from "@/lib/defi/venues";
import { analyzerOverview } from "@/lib/trading/analyzer";
import { deskWatchOf, marketOverview, poolName } from "@/lib/trading/market-data";
import { priceHistory } from "@/lib/trading/price-history";
import { treasuryOverview, type TreasuryOverview } from "@/lib/trading/overview";
import { AnalyzerSections } from "./analyzer-sections";
import { LendingSection } from "./lending-section";
import { lendingOverview } from "@/lib/trading/yield-admin";
import { formLimits } from "@/lib/trading/limits";
import { deskUniverse, type Listed } from "@/lib/trading/universe";
import { usd, utcTime } from "./format";
import { PnlChart } from "./pnl-chart";
import { PriceChart } from "./price-chart";
import { AllowlistsForm, AutoRefresh, BotControls, GuardLimitsForm, KillSwitch, NewBotForm } from "./controls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Treasury desk · Admin", robots: { index: false } };

const usdc = (baseUnits: string) => `${(Number(BigInt(baseUnits) / 10_000n) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })} USDC`;
const weth = (baseUnits: string) => `${(Number(BigInt(baseUnits) / 10n ** 12n) / 1e6).toLocaleString("en-US", { minimumFractionDigits: 4, maximumFractionDigits: 4 })} WETH`;
const signedBps = (bps: number) => `${bps > 0 ? "+" : bps < 0 ? "−" : ""}${Math.abs(bps).toLocaleString("en-US")} bps`;
const percent = (bps: number) => `${bps > 0 ? "+" : bps < 0 ? "−" : "±"}${(Math.abs(bps) / 100).toFixed(2)} %`;
const every = (seconds: number) => (seconds % 86_400 === 0 ? `${seconds / 86_400} d` : seconds % 3600 === 0 ? `${seconds / 3600} h` : `${Math.round(seconds / 60)} min`);
/** The coin a pool prices in USDC: WETH, or a stable pool's other coin ("USDC/DAI" → DAI). */
const baseOf = (pair: string) => (pair.startsWith("USDC/") ? pair.slice(5) : "WETH");
/** A mid or oracle price in USDC per whole coin: to the cent for WETH, to 1/100 of a cent for a stablecoin (a depeg of a few bps shows). */
const midOf = (pair: string, baseUnits: string) => (pair === "WETH/USDC" ? usdc(baseUnits) : `${(Number(baseUnits) / 1e6).toFixed(4)} USDC`);
const amount = (token: "USDC" | "USDT" | "DAI" | "WETH", baseUnits: string) => (token === "WETH" ? weth(baseUnits) : token === "USDC" ? usdc(baseUnits) : formatTokenAmount(baseUnits, token, 2));
/** A bot's strategy in words: what a scheduled bot does and how often. */
function strategyOf(b: TreasuryOverview["bots"][number]): string {
  const s = b.schedule;
  if (!s) return b.strategy;
  if (s.dcaAmountUsdCents !== null) return `DCA: ${s.dcaSide === "sell" ? "sell" : "buy"} ${usd(s.dcaAmountUsdCents)} of WETH every ${every(s.everySeconds)}`;
  if (s.targetUsdcBps !== null && s.bandBps !== null) return `Rebalance: ${s.targetUsdcBps / 100} % USDC ± ${s.bandBps / 100}, checked every ${every(s.everySeconds)}`;
  if (b.stableMix && s.bandBps !== null) return `Stablecoin mix: USDC ${b.stableMix.USDC / 100} % / USDT ${b.stableMix.USDT / 100} % / DAI ${b.stableMix.DAI / 100} % ± ${s.bandBps / 100}, checked every ${every(s.everySeconds)}`;
  return b.strategy;
}
/** A stablecoin-mix bot's book per coin and its shares now ("holds 7,000 USDC (70 %) · …"). */
function stableHoldingsOf(b: TreasuryOverview["bots"][number]): string | null {
  if (!b.stableBook) return null;
  const { book, sharesBps } = b.stableBook;
  const coins = (["USDC", "USDT", "DAI"] as const).map((c) => `${formatTokenAmount(book[c], c, 2)}${sharesBps ? ` (${(sharesBps[c] / 100).toFixed(1)} %)` : ""}`);
  return `${b.mode === "PAPER" ? "Book (treasury + paper fills)" : "Treasury holds"}: ${coins.join(" · ")}`;
}
const age = (seconds: number) => (seconds < 120 ? `${seconds} s` : seconds < 7200 ? `${Math.round(seconds / 60)} min` : `${Math.round(seconds / 3600)} h`);

/** "every pool (5)", "no pool", or "pools uniswap-v2 0.3 % WETH/USDC, …": which of `all` are on the list. */
function allowedNames(all: Listed[], allowed: string[], noun: string): string {
  const on = all.filter((x) => allowed.includes(x.address));
  if (on.length === all.length) return `every ${noun} (${all.length})`;
  return on.length === 0 ? `no ${noun}` : `${noun}s ${on.map((x) => x.name).join(", ")}`;
}

/** /admin/treasury — the treasury desk: opportunities, bots, trades, P&L, lending, holdings and what moved them, the guard's refusals, the kill switch. */
export default async function TreasuryPage() {
  const access = await adminAccess("/admin/treasury", "treasury:manage", "Only admins run the treasury desk");
  if (!access.ok) return access.page;
  const venues = localWethUsdc();
  const chainId = venues.chainId;
  const watch = deskWatchOf(venues); // what market data follows: the pools' fee tiers for their names
  const universe = deskUniverse(venues);
  const [o, market, prices, analyzer, lending] = await Promise.all([treasuryOverview(db()), marketOverview(db(), chainId), priceHistory(db(), chainId), analyzerOverview(db(), chainId), lendingOverview(db(), chainId)]);
  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <AutoRefresh everyMs={2000} />
      <main className="mx-auto max-w-5xl space-y-8 px-4 py-8">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-3xl font-bold tracking-tight">Treasury desk</h1>
            <p className="mt-1 text-espresso/70">
              WETH/USDC arbitrage between Uniswap V3 and V2 on the local chain. Paper bots fill at the quotes of the block they saw; live bots trade both legs in one transaction through our executor. DCA bots buy WETH for a fixed amount on a schedule and hold it, or sell WETH worth a fixed amount into USDC; rebalancing bots keep the treasury&apos;s USDC share near a target. Cash beyond the operating days is lent on Aave once an admin approves. Total P&amp;L{" "}
              <strong data-testid="total-pnl">{usd(o.totalPnlUsdCents)}</strong> realised, {usd(o.totalUnrealisedUsdCents)} unrealised.
            </p>
            {o.limits && (
              <>
                <p className="mt-1 text-sm text-espresso/70" data-testid="guard-limits">
                  Guard: max trade {usd(o.limits.maxTradeUsdCents)}, max slippage {o.limits.maxSlippageBps} bps, daily loss limit {usd(o.limits.dailyLossLimitUsdCents)}, oracle deviation at most {o.limits.maxOracleDeviationBps} bps, ETH/USD answer at most {age(o.limits.oracleMaxAgeSeconds)} old, USDC/USD at most {age(o.limits.stablecoinMaxAgeSeconds)} old, USDC within {o.limits.maxPegDeviationBps} bps of $1.
                </p>
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer font-medium underline">Change the guard&apos;s limits</summary>
                  <GuardLimitsForm limits={formLimits(o.limits)} />
                </details>
                <p className="mt-1 text-sm text-espresso/70" data-testid="guard-allowlists">
                  Bots may trade on {allowedNames(universe.pools, o.limits.allowedPools, "pool")} and {allowedNames(universe.tokens, o.limits.allowedTokens, "token")}.
                </p>
                <details className="mt-1 text-sm">
                  <summary className="cursor-pointer font-medium underline">Change the allowlists</summary>
                  <AllowlistsForm tokens={universe.tokens} pools={universe.pools} allowed={{ tokens: o.limits.allowedTokens, pools: o.limits.allowedPools }} />
                </details>
              </>
            )}
          </div>
          <KillSwitch on={o.killSwitch} />
        </div>

        <section aria-labelledby="market">
          <h2 id="market" className="text-xl font-semibold">Market</h2>
          <p className="mt-1 text-sm text-espresso/70">
            {market.followedTo ? `Watched pools, followed to block ${market.followedTo.block} (${age(market.followedTo.ageSeconds)} ago): the WETH/USDC pools against the ETH/USD feed (the desk trades the 0.05 % pool against V2; the 0.3 % pool is watched only), the stablecoin pools against their coin's USD feed (each coin's price in USDC). Depth: the input that moves the mid by 1 %.` : "Market data has not run yet."}
          </p>
          {market.pools.length > 0 && (
            <table className="mt-2 w-full text-left text-sm">
              <thead><tr><th>Pool</th><th>Mid</th><th>Oracle</th><th>Deviation</th><th>Depth at 1 %</th><th>Block</th><th>Age</th></tr></thead>
              <tbody>
                {market.pools.map((p) => (
                  <tr key={p.pool} aria-label={`Market ${poolName(watch, p)}`}>
                    <td title={p.pool}>{poolName(watch, p)}</td>
                    <td>{midOf(p.pair, p.mid)}</td>
                    <td title={`updated ${age(p.oracleAgeSeconds)} ago`}>{midOf(p.pair, p.oracle)} <span className="text-espresso/70">({age(p.oracleAgeSeconds)} old)</span></td>
                    <td>{signedBps(p.deviationBps)}</td>
                    <td>{usdc(p.depthUp100Usdc)} up · {p.pair === "WETH/USDC" ? weth(p.depthDown100Weth) : formatTokenAmount(p.depthDown100Weth, baseOf(p.pair), 0)} down</td>
                    <td>{p.block}</td>
                    <td>{age(p.ageSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="prices">
          <h2 id="prices" className="text-xl font-semibold">Prices, last 24 hours</h2>
          <p className="mt-1 text-sm text-espresso/70">Each watched pool&apos;s mid per minute of chain time (UTC) beside the chain&apos;s ETH/USD feed, from what market data followed.</p>
          {prices.pools.length === 0 ? (
            <p className="mt-2 text-sm">No prices recorded in the last 24 hours.</p>
          ) : (
            <>
              <PriceChart pools={prices.pools.map((p) => ({ pool: p.pool, name: poolName(watch, p) }))} points={prices.points} />
              <table className="mt-2 w-full text-left text-sm">
                <thead><tr><th>Pool</th><th>Open</th><th>High</th><th>Low</th><th>Last</th><th>Change</th><th>Widest deviation</th><th>Minutes</th></tr></thead>
                <tbody>
                  {prices.pools.map((p) => (
                    <tr key={p.pool} aria-label={`Prices ${poolName(watch, p)}`}>
                      <td title={p.pool}>{poolName(watch, p)}</td>
                      <td>{usdc(p.open)}</td>
                      <td>{usdc(p.high)}</td>
                      <td>{usdc(p.low)}</td>
                      <td>{usdc(p.close)}</td>
                      <td>{percent(p.changeBps)}</td>
                      <td>{p.maxDeviationBps.toLocaleString("en-US")} bps</td>
                      <td>{p.minutes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>

        <section aria-labelledby="bots">
          <h2 id="bots" className="text-xl font-semibold">Bots</h2>
          <table className="mt-2 w-full text-left text-sm">
            <thead>
              <tr><th>Name</th><th>Strategy</th><th>Mode</th><th>Status</th><th>Max trade</th><th>Trades</th><th>P&amp;L</th><th title="What a DCA buyer holds, valued at the ETH/USD feed, less what it cost (a DCA seller holds nothing: its P&amp;L is each sale's USDC against the WETH sold at the feed, less gas)">Unrealised</th><th title="P&amp;L (realised and unrealised) over the capital the bot needed: an arbitrage bot's largest stake in one trade, everything a DCA buyer spent, the USDC a DCA seller raised">ROI</th><th /></tr>
            </thead>
            <tbody>
              {o.bots.map((b) => (
                <tr key={b.id} aria-label={`Bot ${b.name}`}>
                  <td>{b.name}</td>
                  <td>
                    {strategyOf(b)}
                    {stableHoldingsOf(b) && <span className="block text-espresso/70" data-testid={`stable-book-${b.name}`}>{stableHoldingsOf(b)}</span>}
                  </td>
                  <td>{b.mode.toLowerCase()}</td><td>{b.status.toLowerCase()}</td><td>{usd(b.maxTradeUsdCents)}</td><td>{b.trades}</td><td>{usd(b.pnlUsdCents)}</td>
                  <td>{b.unrealisedUsdCents === null ? "—" : <span title={b.heldWeth ? `holds ${weth(b.heldWeth)}` : undefined}>{usd(b.unrealisedUsdCents)}</span>}</td>
                  <td>{b.roiBps === null ? "—" : `${(b.roiBps / 100).toFixed(2)} %`}</td>
                  <td><BotControls id={b.id} name={b.name} running={b.status === "RUNNING"} /></td>
                </tr>
              ))}
            </tbody>
          </table>
          {o.bots.length === 0 && <p className="mt-2 text-sm text-espresso/70">No bots yet.</p>}
          {o.pnlCurves.length > 0 && (
            <figure className="mt-4">
              <figcaption className="text-sm font-medium">P&amp;L per bot, after each counted trade</figcaption>
              <PnlChart curves={o.pnlCurves} />
            </figure>
          )}
          {o.strategies.length > 0 && (
            <table className="mt-4 w-full text-left text-sm">
              <caption className="text-left text-sm font-medium">Return per strategy, all its bots together</caption>
              <thead><tr><th>Strategy</th><th>Bots</th><th>Capital</th><th>Realised</th><th>Unrealised</th><th>ROI</th></tr></thead>
              <tbody>
                {o.strategies.map((s) => (
                  <tr key={s.strategy} aria-label={`Return of ${s.strategy}`}>
                    <td>{s.strategy}</td><td>{s.bots}</td><td>{usdc(s.capitalUsdc)}</td><td>{usd(s.pnlUsdCents)}</td><td>{usd(s.unrealisedUsdCents)}</td><td>{s.roiBps === null ? "—" : `${(s.roiBps / 100).toFixed(2)} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <NewBotForm />
        </section>

        <LendingSection l={lending} />

        <section aria-labelledby="opportunities">
          <h2 id="opportunities" className="text-xl font-semibold">Opportunities</h2>
          {o.opportunities.length === 0 ? (
            <p className="mt-2 text-sm text-espresso/70">None above the threshold yet.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm">
              <thead><tr><th>Time</th><th>Block</th><th>Route</th><th>Optimal size</th><th>Gas</th><th>Net profit</th></tr></thead>
              <tbody>
                {o.opportunities.map((x) => (
                  <tr key={x.id} aria-label={`Opportunity at block ${x.block}`}>
                    <td>{utcTime(x.at)}</td><td>{x.block}</td><td>{x.route}</td><td>{usdc(x.sizeIn)}</td><td>{usd(x.gasCostUsdCents)}</td><td>{usd(x.netProfitUsdCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section aria-labelledby="trades">
          <div className="flex items-baseline justify-between">
            <h2 id="trades" className="text-xl font-semibold">Trades</h2>
            <a href="/admin/treasury/trades.csv" download className="text-sm font-medium underline">Download trades (CSV)</a>
          </div>
          {o.trades.length === 0 ? (
            <p className="mt-2 text-sm text-espresso/70">No trades yet.</p>
          ) : (
            <table className="mt-2 w-full text-left text-sm">
              <thead><tr><th>Time</th><th>Bot</th><th>Mode</th><th>Block</th><th>In</th><th>Out</th><th>P&amp;L</th><th>Tx</th></tr></thead>
              <tbody>
                {o.trades.map((t) => (
                  <tr key={t.id} aria-label={`Trade by ${t.bot} at block ${t.block}`}>
                    <td>{utcTime(t.at)}</td><td>{t.bot}</td><td>{t.mode.toLowerCase()}</td><td>{t.block}</td><td>{amount(t.tokenIn, t.amountIn)}</td><td>{amount(t.tokenOut, t.amountOut)}{t.venue ? ` on ${t.venue}` : ""}</td><td>{t.undone ? <s title="A reorg took this fill away: not counted in P&L unless it is mined again">{usd(t.pnlUsdCents)}</s> : usd(t.pnlUsdCents)}</td><td>{t.txHash ?? "paper"}{t.undone ? " (reorged away)" : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <AnalyzerSections a={analyzer} />

        <section aria-labelledby="refusals">
          <h2 id="refusals" className="text-xl font-semibold">Guard refusals</h2>
          {o.refusals.length === 0 ? (
            <p className="mt-2 text-sm text-espresso/70">The guard has refused nothing.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {o.refusals.map((r) => (
                <li key={r.id}>
                  {utcTime(r.at)} · {r.bot} · <strong>{r.reason}</strong>: {r.detail}
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
