"use client";

import { useState } from "react";
import { refreshSession } from "@/components/account/refresh-session";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { acceptInviteAction } from "../../actions";

export function AcceptInviteButton({ token, shopName }: { token: string; shopName: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Disabled until React has taken the button over: a click on the server's HTML did nothing (a
  // person pressing it on a slow phone, and the e2e test on a busy machine, saw no join).
  const hydrated = useHydrated();

  async function accept() {
    setPending(true);
    setError(null);
    const result = await acceptInviteAction(token).catch(() => null);
    if (!result || !result.ok) {
      setPending(false);
      return setError(result ? result.error.message : "That did not reach the server. Try again.");
    }
    // The session learns about the new shop now, not at its next refresh.
    await refreshSession().catch(() => undefined);
    window.location.assign(result.data.home);
  }

  return (
    <div className="grid gap-3">
      <FormError message={error} />
      <Button type="button" size="lg" disabled={pending || !hydrated} onClick={() => void accept()} className="justify-self-start">
        {pending ? "Joining…" : `Join ${shopName}`}
      </Button>
    </div>
  );
}
