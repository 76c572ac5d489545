import { formatTokenAmount } from "@/lib/chain/token-amount";
import { formatMoney } from "@/lib/ui/money";
import type { AnalyzerOverview } from "@/lib/trading/analyzer";
import { usd, utcTime } from "./format";
import { HoldingsChart } from "./holdings-chart";

/**
 * The on-chain analyzer's part of /admin/treasury (lib/trading/analyzer.ts): holdings and their
 * allocation, the holdings over the last day, customer inflows, the gas live trades paid, and large
 * swaps on the watched pools.
 */

const amount = (baseUnits: string, token: string) => formatTokenAmount(baseUnits, token);
const signed = (baseUnits: string, token: string) => (baseUnits.startsWith("-") ? formatTokenAmount(baseUnits, token) : `+${formatTokenAmount(baseUnits, token)}`);
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
const percent = (bps: number) => `${(bps / 100).toFixed(1)} %`;

export function AnalyzerSections({ a }: { a: AnalyzerOverview }) {
  return (
    <>
      <section aria-labelledby="holdings">
        <h2 id="holdings" className="text-xl font-semibold">Holdings</h2>
        {a.wallets.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">The analyzer has not read the wallets yet.</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-espresso/70">
              The treasury and the shops&apos; receiving wallets on the local chain, valued at the chain&apos;s USD feeds (aUSDC and aWETH: what the treasury lent on Aave, with its interest): <strong data-testid="holdings-total">{usd(a.totalUsdCents)}</strong>. Allocation:{" "}
              {a.allocation.filter((x) => x.valueUsdCents > 0).map((x) => `${x.token} ${percent(x.bps)}`).join(" · ") || "nothing held"}.
            </p>
            <table className="mt-2 w-full text-left text-sm">
              <thead><tr><th>Wallet</th><th>Holdings</th><th>Value</th><th>Read at</th></tr></thead>
              <tbody>
                {a.wallets.map((w) => (
                  <tr key={w.wallet} aria-label={`Wallet ${w.label}`}>
                    <td title={w.wallet}>{w.label} <span className="text-espresso/70">{short(w.wallet)}</span></td>
                    <td>{w.tokens.filter((t) => t.amount !== "0").map((t) => amount(t.amount, t.token)).join(" · ") || "empty"}</td>
                    <td>{usd(w.totalUsdCents)}</td>
                    <td>{utcTime(w.readAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {a.history.length > 1 && (
              <figure className="mt-4">
                <figcaption className="text-sm font-medium">Held over the last 24 hours</figcaption>
                <HoldingsChart points={a.history} />
              </figure>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="inflows">
        <h2 id="inflows" className="text-xl font-semibold">Customer inflows</h2>
        {a.inflows.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No crypto payments settled in the last {a.inflowDays} days.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <caption className="text-left text-espresso/70">Settled crypto payments, last {a.inflowDays} days, valued at settlement.</caption>
            <thead><tr><th>Shop</th><th>Token</th><th>Payments</th><th>Received</th><th>Value</th></tr></thead>
            <tbody>
              {a.inflows.map((x) => (
                <tr key={`${x.shop}:${x.token}`} aria-label={`Inflows ${x.shop} ${x.token}`}>
                  <td>{x.shop}</td><td>{x.token}</td><td>{x.payments}</td><td>{amount(x.amount, x.token)}</td><td>{formatMoney(x.valueCents, x.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="gas">
        <h2 id="gas" className="text-xl font-semibold">Gas spent</h2>
        {a.gas.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No live trade has paid gas yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead><tr><th>Bot</th><th>Live trades</th><th>Gas</th><th>Value</th></tr></thead>
            <tbody>
              {a.gas.map((g) => (
                <tr key={g.bot} aria-label={`Gas ${g.bot}`}>
                  <td>{g.bot}</td><td>{g.trades}</td><td>{amount(g.gasWei, "ETH")}</td><td>{usd(g.gasUsdCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="large-swaps">
        <h2 id="large-swaps" className="text-xl font-semibold">Large swaps</h2>
        {a.largeSwaps.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">No large swap on the watched pools yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead><tr><th>Time</th><th>Block</th><th>Pool</th><th>WETH</th><th>USDC</th><th>Size</th><th>By</th></tr></thead>
            <tbody>
              {a.largeSwaps.map((x) => (
                <tr key={x.id} aria-label={`Large swap at block ${x.block}`}>
                  <td>{utcTime(x.at)}</td><td>{x.block}</td><td>{x.venue}</td>
                  <td>{signed(x.wethDelta, "WETH")}</td><td>{signed(x.usdcDelta, "USDC")}</td><td>{usd(x.valueUsdCents)}</td>
                  <td title={`${x.sender} → ${x.recipient} in ${x.txHash}`}>{short(x.recipient)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
