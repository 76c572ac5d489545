"use client";

import { Cell, Pie, PieChart, Tooltip } from "recharts";
import type { DashboardData } from "@/lib/analytics/dashboard";
import { formatTokenAmount } from "@/lib/chain/token-amount";
import { CsvButton } from "./csv-button";
import { formatCount, formatMoney, METHOD_LABELS } from "./format";
import { DataTable, EmptyNote, Panel } from "./panel";

const COLORS = ["#3b2418", "#c8a27a", "#8a6a52", "#e3cfb8"];

/** Orders by payment method; settled crypto payments by chain and token; the shops' wallets now. */
export function PaymentMix({ data }: { data: DashboardData }) {
  const methods = data.paymentMethods.filter((m) => m.orders > 0);
  const money = (c: number) => formatMoney(c, data.currency);
  return (
    <Panel
      title="Payment mix"
      actions={
        <CsvButton
          label="payment mix"
          filename="payment-mix.csv"
          rows={data.paymentMethods}
          columns={[
            { header: "Method", value: (m) => METHOD_LABELS[m.method] },
            { header: "Orders", value: (m) => m.orders },
            { header: "Revenue (cents)", value: (m) => m.cents },
          ]}
        />
      }
    >
      {methods.length === 0 ? (
        <EmptyNote>No orders in this period.</EmptyNote>
      ) : (
        <div className="flex flex-wrap items-center gap-4">
          <PieChart style={{ width: 140, height: 140 }} accessibilityLayer>
            <Pie data={methods.map((m) => ({ name: METHOD_LABELS[m.method], value: m.orders }))} dataKey="value" innerRadius={38} outerRadius={64} isAnimationActive={false}>
              {methods.map((m, i) => (
                <Cell key={m.method} fill={COLORS[i % COLORS.length]} />
              ))}
            </Pie>
            <Tooltip />
          </PieChart>
          <ul className="min-w-40 flex-1 space-y-1 text-sm">
            {methods.map((m, i) => (
              <li key={m.method} className="flex items-center gap-2">
                <span aria-hidden className="size-3 rounded-full" style={{ background: COLORS[i % COLORS.length] }} />
                <span className="flex-1">{METHOD_LABELS[m.method]}</span>
                <span className="tabular-nums">
                  {formatCount(m.orders)} · {money(m.cents)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold text-espresso/70">Crypto by chain and token</h3>
      {data.cryptoPayments.length === 0 ? (
        <EmptyNote>No settled crypto payments in this period.</EmptyNote>
      ) : (
        <DataTable caption="Settled crypto payments by chain and token" head={["Chain / token", "Payments", "Value", "Refunds"]}>
          {data.cryptoPayments.map((c) => (
            <tr key={`${c.chainId}-${c.token}`}>
              <td>
                {c.token} <span className="text-espresso/70">on chain {c.chainId}</span>
              </td>
              <td>{formatCount(c.payments)}</td>
              <td>{money(c.valueCents)}</td>
              <td>{formatCount(c.refunds)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3 className="mt-4 text-sm font-semibold text-espresso/70">Shop wallets now</h3>
      {data.wallets.length === 0 ? (
        <EmptyNote>No wallet reading yet (the trading worker reads the shops&apos; receiving wallets).</EmptyNote>
      ) : (
        <DataTable caption="The shops' receiving wallets as last read on chain, in US dollars" head={["Shop", "Holds", "Value (USD)"]}>
          {data.wallets.map((w) => (
            <tr key={`${w.shopId}-${w.chainId}`}>
              <td title={`${w.wallet} on chain ${w.chainId}, read ${w.readAt}`}>{w.shop}</td>
              <td>{w.tokens.filter((t) => t.amount !== "0").map((t) => formatTokenAmount(t.amount, t.token)).join(" · ") || "empty"}</td>
              <td>{formatMoney(w.totalUsdCents, "USD")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Panel>
  );
}

