"use client";

import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { DashboardData } from "@/lib/analytics/dashboard";
import { formatCount, formatMoney } from "./format";

/** Net revenue (and orders, in the tooltip) per local day, or per hour for a one-day period. */
export function RevenueChart({ data }: { data: DashboardData }) {
  const rows = data.series.map((s) => ({ ...s, label: data.seriesBy === "day" ? s.label.slice(5) : s.label, revenue: s.netRevenueCents / 100 }));
  return (
    <AreaChart responsive data={rows} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer>
      <defs>
        <linearGradient id="revenue-fill" x1="0" y1="0" x2="0" y2="1">
          <stop offset="0%" stopColor="#c8a27a" stopOpacity={0.6} />
          <stop offset="100%" stopColor="#c8a27a" stopOpacity={0.05} />
        </linearGradient>
      </defs>
      <CartesianGrid stroke="#3b241812" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} minTickGap={16} />
      <YAxis tick={{ fontSize: 12, fill: "#3b2418a0" }} tickLine={false} axisLine={false} width={56} tickFormatter={(v: number) => formatMoney(v * 100, data.currency).replace(/\.00$/, "")} />
      <Tooltip
        formatter={(value, _name, item) => [`${formatMoney(Number(value) * 100, data.currency)} · ${formatCount((item.payload as { orders: number }).orders)} orders`, "Revenue"]}
        contentStyle={{ borderRadius: 12, border: "1px solid #3b241820" }}
      />
      <Area type="monotone" dataKey="revenue" name="Revenue" stroke="#3b2418" strokeWidth={2} fill="url(#revenue-fill)" isAnimationActive={false} />
    </AreaChart>
  );
}
