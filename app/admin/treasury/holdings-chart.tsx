"use client";

import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

const dollars = (cents: number) => `$${(cents / 100).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

/** Total USD held by the treasury and the shops' wallets after each recorded change (last 24 h). */
export function HoldingsChart({ points }: { points: { at: string; totalUsdCents: number }[] }) {
  const rows = points.map((p) => ({ time: p.at.slice(11, 16), total: p.totalUsdCents }));
  return (
    <AreaChart responsive data={rows} style={{ width: "100%", height: 200 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <CartesianGrid stroke="#3b241812" vertical={false} />
      <XAxis dataKey="time" tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} minTickGap={24} />
      <YAxis tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} width={80} tickFormatter={dollars} domain={["auto", "auto"]} />
      <Tooltip formatter={(value) => [dollars(Number(value)), "Held"]} contentStyle={{ borderRadius: 12, border: "1px solid #3b241820" }} />
      <Area type="stepAfter" dataKey="total" name="Held" stroke="#3b2418" strokeWidth={2} fill="#c8a27a40" isAnimationActive={false} />
    </AreaChart>
  );
}
