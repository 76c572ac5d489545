"use client";

import { useState } from "react";
import { resendConfirmationAction } from "../actions";
import { ClientButton } from "@/components/ui/client-button";

/** "Not confirmed · Send the link again", beside an unconfirmed address. */
export function ResendConfirmation() {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function resend() {
    setPending(true);
    const result = await resendConfirmationAction().catch(() => null);
    setPending(false);
    setMessage(!result ? "That did not reach the server. Try again." : result.ok ? `We sent a new link to ${result.data.sentTo}.` : result.error.message);
  }

  return (
    <span className="ml-1 text-xs">
      <span className="font-semibold text-amber-800">Not confirmed</span> ·{" "}
      <ClientButton type="button" disabled={pending} onClick={() => void resend()} className="font-semibold underline underline-offset-2">
        Send the link again
      </ClientButton>
      {message ? (
        <span role="status" className="mt-1 block text-espresso/70">
          {message}
        </span>
      ) : null}
    </span>
  );
}
