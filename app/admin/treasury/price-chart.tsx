"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { PricePoint } from "@/lib/trading/price-history";
import { utcTime } from "./format";

const COLOURS = ["#3b2418", "#c8a27a", "#4a7c59", "#2f5d8a"];
const clock = (ms: number) => utcTime(new Date(ms)).slice(0, 5);
/** USDC base units per WETH as dollars (display only). */
const dollars = (baseUnits: string | null) => (baseUnits === null ? null : Number(BigInt(baseUnits) / 10_000n) / 100);
const label = (v: number) => `$${v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Each watched pool's mid per minute (carried forward) and the ETH/USD feed, on one time axis. */
export function PriceChart({ pools, points }: { pools: { pool: string; name: string }[]; points: PricePoint[] }) {
  const rows = points.map((p) => ({ t: Date.parse(p.minute), oracle: dollars(p.oracle), ...Object.fromEntries(pools.map((x) => [x.pool, dollars(p.closes[x.pool] ?? null)])) }));
  return (
    <LineChart responsive data={rows} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <CartesianGrid stroke="#3b241812" vertical={false} />
      <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={clock} tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} minTickGap={24} />
      <YAxis tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} width={80} tickFormatter={label} domain={["auto", "auto"]} />
      <Tooltip labelFormatter={(v) => `${clock(Number(v))} UTC`} formatter={(value, name) => [label(Number(value)), String(name)]} contentStyle={{ borderRadius: 12, border: "1px solid #3b241820" }} />
      <Legend />
      {pools.map((x, i) => (
        <Line key={x.pool} name={x.name} dataKey={x.pool} type="stepAfter" stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
      ))}
      <Line name="ETH/USD feed" dataKey="oracle" type="stepAfter" stroke="#8e3b46" strokeDasharray="4 3" strokeWidth={1.5} dot={false} connectNulls isAnimationActive={false} />
    </LineChart>
  );
}
