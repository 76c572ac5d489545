import { formatUnits } from "viem";
import { formatTokenAmount } from "@/lib/chain/token-amount";
import type { LendingOverview } from "@/lib/trading/yield-admin";
import { usd, utcTime } from "./format";
import { CashPolicyForm, LendingDecision } from "./lending-controls";

/**
 * The treasury's lending on /admin/treasury (lib/trading/yield.ts): Aave V3's rates and the
 * treasury's position with the interest it earned, the lending policy, the open proposal an admin
 * decides, and the last moves.
 */

const apy = (bps: number) => `${(bps / 100).toFixed(2)} %`;
const STATUS: Record<string, string> = {
  PROPOSED: "waiting for a decision",
  APPROVED: "approved: the worker carries it out on its next pass",
  SIGNED: "sent: waiting for the chain",
  DONE: "done",
  REJECTED: "rejected",
  EXPIRED: "expired undecided",
  FAILED: "failed",
};

export function LendingSection({ l }: { l: LendingOverview }) {
  const cash = l.reserves.find((r) => r.symbol === "USDC");
  const weth = l.reserves.find((r) => r.symbol === "WETH");
  const symbolOf = (asset: string) => l.reserves.find((r) => r.asset === asset)?.symbol ?? "USDC";
  const open = l.open;
  return (
    <section aria-labelledby="lending">
      <h2 id="lending" className="text-xl font-semibold">Lending</h2>
      <p className="mt-1 text-sm text-espresso/70">
        {l.reserves.length === 0
          ? "The lending venue has not been read yet."
          : `Aave V3 on the local chain, read at block ${l.reserves[0]!.block} (${utcTime(l.reserves[0]!.readAt)} UTC). Supply APY is what lenders earn now, compounded per second; it moves with how much of the reserve is borrowed.`}
      </p>
      {l.reserves.length > 0 && (
        <table className="mt-2 w-full text-left text-sm">
          <thead><tr><th>Asset</th><th>Supply APY</th><th>Borrow APY</th><th>Borrowed</th><th>Treasury wallet</th><th>Supplied by the treasury</th><th>Interest earned</th></tr></thead>
          <tbody>
            {l.reserves.map((r) => (
              <tr key={r.asset} aria-label={`Lending ${r.symbol}`}>
                <td>{r.symbol}</td><td>{apy(r.supplyApyBps)}</td><td>{apy(r.borrowApyBps)}</td><td>{apy(r.utilisationBps)}</td>
                <td>{formatTokenAmount(r.wallet, r.symbol)}</td><td>{formatTokenAmount(r.supplied, r.symbol, 6)}</td><td>{formatTokenAmount(r.interest, r.symbol, 6)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {l.policy && (
        <>
          <p className="mt-3 text-sm" data-testid="cash-policy">
            Cash policy: keep {l.policy.cashDays} day{l.policy.cashDays === 1 ? "" : "s"} of {usd(l.policy.dailyCashUsdCents)} ({formatTokenAmount(l.policy.keepUsdc, "USDC")}) in the wallet and lend the rest of the USDC{cash ? `; the wallet holds ${formatTokenAmount(cash.wallet, "USDC")}` : ""}. Moves are proposed here and made only once an admin approves.
          </p>
          <p className="mt-1 text-sm" data-testid="weth-policy">
            {l.policy.wethToKeep === null
              ? "WETH: not lent (the bots sell it from the wallet); set an amount to keep to lend the rest."
              : `WETH: keep ${formatTokenAmount(l.policy.wethToKeep, "WETH", 18)} in the wallet and lend the rest${weth ? `; the wallet holds ${formatTokenAmount(weth.wallet, "WETH")}` : ""}.`}
          </p>
          <details className="mt-1 text-sm">
            <summary className="cursor-pointer font-medium underline">Change the cash policy</summary>
            <CashPolicyForm cashDays={l.policy.cashDays} dailyCashUsd={Math.floor(l.policy.dailyCashUsdCents / 100)} wethToKeep={l.policy.wethToKeep === null ? "" : formatUnits(BigInt(l.policy.wethToKeep), 18)} />
          </details>
        </>
      )}
      {open && (
        <div role="region" aria-label="Lending proposal" className="mt-3 rounded-xl p-3 ring-1 ring-espresso/15">
          <p className="text-sm">
            <strong>{open.action === "SUPPLY" ? "Supply" : "Withdraw"} {formatTokenAmount(open.amount.toFixed(0), symbolOf(open.asset))}</strong> — {open.reason}. {STATUS[open.status]}
            {open.status === "PROPOSED" && `, until ${utcTime(open.expiresAt)} UTC`}
            {open.decidedBy && ` (decided by ${open.decidedBy})`}.
          </p>
          {open.status === "PROPOSED" && <LendingDecision id={open.id} />}
        </div>
      )}
      {l.moves.length > 0 && (
        <table className="mt-3 w-full text-left text-sm">
          <caption className="text-left text-sm font-medium">Lending moves</caption>
          <thead><tr><th>Proposed</th><th>Move</th><th>Status</th><th>Decided by</th><th>Tx</th></tr></thead>
          <tbody>
            {l.moves.map((m) => (
              <tr key={m.id} aria-label={`Lending move ${m.action.toLowerCase()} ${formatTokenAmount(m.amount, symbolOf(m.asset))}`}>
                <td>{utcTime(m.proposedAt)}</td>
                <td>{m.action === "SUPPLY" ? "supply" : "withdraw"} {formatTokenAmount(m.amount, symbolOf(m.asset))}</td>
                <td>{STATUS[m.status]}{m.failure ? `: ${m.failure}` : ""}</td>
                <td>{m.decidedBy ?? "—"}</td>
                <td>{m.txHash ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
