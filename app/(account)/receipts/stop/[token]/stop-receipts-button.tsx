"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { stopReceiptsAction } from "../../../actions";

export function StopReceiptsButton({ token }: { token: string }) {
  const [state, setState] = useState<{ step: "idle" | "pending" } | { step: "done"; email: string } | { step: "error"; message: string }>({ step: "idle" });

  async function stop() {
    setState({ step: "pending" });
    const result = await stopReceiptsAction(token).catch(() => null);
    if (!result) setState({ step: "error", message: "That did not reach the server. Try again." });
    else setState(result.ok ? { step: "done", email: result.data.email } : { step: "error", message: result.error.message });
  }

  if (state.step === "done") {
    return (
      <p role="status" className="rounded-xl bg-emerald-50 px-3.5 py-2.5 text-emerald-800 ring-1 ring-emerald-700/15">
        Done: we will not email {state.email} receipts any more.
      </p>
    );
  }
  return (
    <div className="grid gap-3">
      <FormError message={state.step === "error" ? state.message : null} />
      <Button type="button" size="lg" disabled={state.step === "pending"} onClick={() => void stop()} className="justify-self-start">
        Stop receipt emails
      </Button>
    </div>
  );
}
