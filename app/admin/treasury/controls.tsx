"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/result";
import { createBotAction, killSwitchAction, startBotAction, stopBotAction } from "./actions";

/** Re-renders the server page every few seconds: the desk works block by block. */
export function AutoRefresh({ everyMs }: { everyMs: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}

function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      setError(result.ok ? null : result.error.message);
      if (result.ok) router.refresh();
    });
  return { pending, error, run };
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

export function NewBotForm() {
  const { pending, error, run } = useAction();
  const [name, setName] = useState("");
  const [maxTradeUsd, setMax] = useState("10000");
  const [mode, setMode] = useState<"PAPER" | "LIVE">("PAPER");
  return (
    <form
      className="mt-4 flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        run(async () => {
          const r = await createBotAction({ name, maxTradeUsd, mode });
          if (r.ok) setName("");
          return r;
        });
      }}
    >
      <Field id="bot-name" name="name" label="New bot" placeholder="arb-paper" value={name} onChange={(e) => setName(e.target.value)} />
      <Field id="bot-max" name="maxTradeUsd" label="Max trade (USD)" inputMode="numeric" value={maxTradeUsd} onChange={(e) => setMax(e.target.value)} />
      <label className="flex flex-col text-sm font-medium">
        Mode
        <select className="mt-1 rounded border px-2 py-2" value={mode} onChange={(e) => setMode(e.target.value as "PAPER" | "LIVE")}>
          <option value="PAPER">Paper (simulated fills)</option>
          <option value="LIVE">Live (local chain)</option>
        </select>
      </label>
      <Button type="submit" disabled={pending}>Add bot</Button>
      <FormError message={error} />
    </form>
  );
}
