"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { usd, utcTime } from "./format";

const COLOURS = ["#3b2418", "#c8a27a", "#4a7c59", "#8e3b46", "#2f5d8a", "#b8860b"];
const clock = (ms: number) => utcTime(new Date(ms));

/** Each bot's running P&L after each counted fill, on one time axis. */
export function PnlChart({ curves }: { curves: { bot: string; points: { at: string; pnlUsdCents: number }[] }[] }) {
  return (
    <LineChart responsive style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <CartesianGrid stroke="#3b241812" vertical={false} />
      <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={clock} tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} minTickGap={24} allowDuplicatedCategory={false} />
      <YAxis tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} width={80} tickFormatter={usd} />
      <Tooltip labelFormatter={(v) => clock(Number(v))} formatter={(value, name) => [usd(Number(value)), String(name)]} contentStyle={{ borderRadius: 12, border: "1px solid #3b241820" }} />
      <Legend />
      {curves.map((c, i) => (
        <Line key={c.bot} name={c.bot} data={c.points.map((p) => ({ t: Date.parse(p.at), pnl: p.pnlUsdCents }))} dataKey="pnl" type="stepAfter" stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
      ))}
    </LineChart>
  );
}
