"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Field, FormError } from "@/components/ui/field";
import { useAction, useSettingsForm } from "./action-hooks";
import type { Listed } from "@/lib/trading/universe";
import { createBotAction, killSwitchAction, saveAllowlistsAction, saveGuardLimitsAction, startBotAction, stopBotAction } from "./actions";
import { ClientForm } from "@/components/ui/client-form";
import { ClientSelect } from "@/components/ui/client-select";

/** Re-renders the server page every few seconds: the desk works block by block. */
export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

export function BotControls({ id, name, running }: { id: string; name: string; running: boolean }) {
  const { pending, error, run } = useAction();
  return (
    <div>
      {running ? (
        <Button size="sm" variant="secondary" disabled={pending} aria-label={`Stop ${name}`} onClick={() => run(() => stopBotAction(id))}>Stop</Button>
      ) : (
        <Button size="sm" disabled={pending} aria-label={`Start ${name}`} onClick={() => run(() => startBotAction(id))}>Start</Button>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

export function KillSwitch({ on }: { on: boolean }) {
  const { pending, error, run } = useAction();
  return (
    <div className="text-right">
      {on ? (
        <>
          <p className="font-semibold text-red-700" role="status">Kill switch on: every bot stopped</p>
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => killSwitchAction(false))}>Release kill switch</Button>
        </>
      ) : (
        <Button variant="danger" disabled={pending} onClick={() => run(() => killSwitchAction(true))}>Kill switch</Button>
      )}
      {error && <p role="alert" className="text-sm text-red-700">{error}</p>}
    </div>
  );
}

type Strategy = "cross-venue-arbitrage" | "dca" | "rebalance" | "stable-mix";

export function NewBotForm() {
  const { pending, error, run } = useAction();
  // Disabled until hydrated: typing into the server's HTML would be lost when React takes it over.
  const hydrated = useHydrated();
  const [name, setName] = useState("");
  const [strategy, setStrategy] = useState<Strategy>("cross-venue-arbitrage");
  const [maxTradeUsd, setMax] = useState("10000");
  const [dcaAmountUsd, setDcaAmount] = useState("100");
  const [dcaSide, setDcaSide] = useState<"buy" | "sell">("buy");
  const [everyMinutes, setEvery] = useState("60");
  const [targetUsdcPercent, setTarget] = useState("70");
  const [bandPercent, setBand] = useState("5");
  const [mix, setMix] = useState({ usdcPercent: "60", usdtPercent: "20", daiPercent: "20" });
  const [mode, setMode] = useState<"PAPER" | "LIVE">("PAPER");
  return (
    <ClientForm
      className="mt-4 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const settings =
            strategy === "dca"
              ? { dcaSide, dcaAmountUsd, everyMinutes }
              : strategy === "rebalance"
                ? { targetUsdcPercent, bandPercent, everyMinutes, maxTradeUsd }
                : strategy === "stable-mix"
                  ? { ...mix, bandPercent, everyMinutes, maxTradeUsd }
                  : { maxTradeUsd };
          const r = await createBotAction({ strategy, name, mode, ...settings });
          if (r.ok) setName("");
          return r;
        });
      }}
    >
      <fieldset disabled={!hydrated} className="contents">
        <Field id="bot-name" name="name" label="New bot" placeholder="arb-paper" value={name} onChange={(e) => setName(e.target.value)} />
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor="bot-strategy">Strategy</label>
          <ClientSelect id="bot-strategy" className="mt-1 rounded border px-2 py-2" value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)}>
            <option value="cross-venue-arbitrage">Cross-venue arbitrage</option>
            <option value="dca">DCA: buy or sell WETH on a schedule</option>
            <option value="rebalance">Rebalance: keep a USDC share</option>
            <option value="stable-mix">Stablecoin mix: keep USDC / USDT / DAI shares</option>
          </ClientSelect>
        </div>
        {strategy === "dca" && (
          <>
            <div className="flex flex-col text-sm font-medium">
              <label htmlFor="bot-dca-side">Direction</label>
              <ClientSelect id="bot-dca-side" className="mt-1 rounded border px-2 py-2" value={dcaSide} onChange={(e) => setDcaSide(e.target.value as "buy" | "sell")}>
                <option value="buy">Buy WETH</option>
                <option value="sell">Sell WETH</option>
              </ClientSelect>
            </div>
            <Field id="bot-dca-amount" name="dcaAmountUsd" label={dcaSide === "sell" ? "Each sale (USD)" : "Each buy (USD)"} inputMode="numeric" value={dcaAmountUsd} onChange={(e) => setDcaAmount(e.target.value)} />
          </>
        )}
        {strategy === "rebalance" && (
          <>
            <Field id="bot-target" name="targetUsdcPercent" label="Target USDC share (%)" inputMode="numeric" value={targetUsdcPercent} onChange={(e) => setTarget(e.target.value)} />
            <Field id="bot-band" name="bandPercent" label="Band (± %)" inputMode="numeric" value={bandPercent} onChange={(e) => setBand(e.target.value)} />
          </>
        )}
        {strategy === "stable-mix" && (
          <>
            <Field id="bot-mix-usdc" name="usdcPercent" label="USDC share (%)" inputMode="numeric" value={mix.usdcPercent} onChange={(e) => setMix((m) => ({ ...m, usdcPercent: e.target.value }))} />
            <Field id="bot-mix-usdt" name="usdtPercent" label="USDT share (%)" inputMode="numeric" value={mix.usdtPercent} onChange={(e) => setMix((m) => ({ ...m, usdtPercent: e.target.value }))} />
            <Field id="bot-mix-dai" name="daiPercent" label="DAI share (%)" inputMode="numeric" value={mix.daiPercent} onChange={(e) => setMix((m) => ({ ...m, daiPercent: e.target.value }))} />
            <Field id="bot-band" name="bandPercent" label="Band (± %)" inputMode="numeric" value={bandPercent} onChange={(e) => setBand(e.target.value)} />
          </>
        )}
        {strategy !== "cross-venue-arbitrage" && <Field id="bot-every" name="everyMinutes" label="Every (minutes)" inputMode="numeric" value={everyMinutes} onChange={(e) => setEvery(e.target.value)} />}
        {strategy !== "dca" && <Field id="bot-max" name="maxTradeUsd" label="Max trade (USD)" inputMode="numeric" value={maxTradeUsd} onChange={(e) => setMax(e.target.value)} />}
        <div className="flex flex-col text-sm font-medium">
          <label htmlFor="bot-mode">Mode</label>
          <ClientSelect id="bot-mode" className="mt-1 rounded border px-2 py-2" value={mode} onChange={(e) => setMode(e.target.value as "PAPER" | "LIVE")}>
            <option value="PAPER">Paper (simulated fills)</option>
            <option value="LIVE">Live (local chain)</option>
          </ClientSelect>
        </div>
        <Button type="submit" disabled={pending}>Add bot</Button>
      </fieldset>
      <FormError message={error} />
    </ClientForm>
  );
}

type Limits = { maxTradeUsd: number; maxSlippageBps: number; dailyLossLimitUsd: number; maxOracleDeviationBps: number; oracleMaxAgeMinutes: number; maxPegDeviationBps: number; stablecoinMaxAgeHours: number };
const LIMIT_FIELDS: [keyof Limits, string][] = [
  ["maxTradeUsd", "Largest trade (USD)"],
  ["maxSlippageBps", "Max slippage (bps)"],
  ["dailyLossLimitUsd", "Daily loss limit (USD)"],
  ["maxOracleDeviationBps", "Max oracle deviation (bps)"],
  ["oracleMaxAgeMinutes", "Max oracle age (minutes)"],
  ["maxPegDeviationBps", "Max stablecoin depeg (bps)"],
  ["stablecoinMaxAgeHours", "Max stablecoin feed age (hours)"],
];

/** The guard's limits: applied by the desk from the next block; each change is audited. */
export function GuardLimitsForm({ limits }: { limits: Limits }) {
  const { pending, errors, status, submit } = useSettingsForm(saveGuardLimitsAction);
  const [values, setValues] = useState(() => Object.fromEntries(LIMIT_FIELDS.map(([k]) => [k, String(limits[k])])) as Record<keyof Limits, string>);
  return (
    <ClientForm
      aria-label="Guard limits"
      className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 lg:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        submit(values);
      }}
    >
      {LIMIT_FIELDS.map(([k, label]) => (
        <Field key={k} id={`limit-${k}`} name={k} label={label} inputMode="numeric" value={values[k]} error={errors[k]} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
      ))}
      <Button type="submit" disabled={pending}>Save limits</Button>
      {status && <p role="status" className="col-span-full text-sm">{status}</p>}
    </ClientForm>
  );
}

/** The guard's allowlists: the desk's tokens and pools, ticked when bots may trade them. */
export function AllowlistsForm({ tokens, pools, allowed }: { tokens: Listed[]; pools: Listed[]; allowed: { tokens: string[]; pools: string[] } }) {
  const { pending, errors, status, submit } = useSettingsForm(saveAllowlistsAction);
  // Held here, so the page's refresh every 2 s does not undo a tick not yet saved.
  const [ticked, setTicked] = useState(() => new Set([...allowed.tokens, ...allowed.pools]));
  const toggle = (a: string) => setTicked((t) => (t.has(a) ? new Set([...t].filter((x) => x !== a)) : new Set([...t, a])));
  const boxes = (legend: string, list: Listed[]) => (
    <fieldset className="grid gap-1">
      <legend className="font-medium">{legend}</legend>
      {list.map((x) => (
        <label key={x.address} className="flex items-center gap-2">
          <input type="checkbox" checked={ticked.has(x.address)} onChange={() => toggle(x.address)} />
          {x.name}
        </label>
      ))}
    </fieldset>
  );
  return (
    <ClientForm
      aria-label="Allowlists"
      className="mt-3 grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        submit({ tokens: tokens.map((t) => t.address).filter((a) => ticked.has(a)), pools: pools.map((p) => p.address).filter((a) => ticked.has(a)) });
      }}
    >
      {boxes("Pools bots may trade on", pools)}
      {boxes("Tokens bots may trade", tokens)}
      <Button type="submit" disabled={pending} className="justify-self-start">
        Save allowlists
      </Button>
      {(status || errors[""]) && (
        <p role="status" className="col-span-full text-sm">
          {status ?? errors[""]}
        </p>
      )}
    </ClientForm>
  );
}
