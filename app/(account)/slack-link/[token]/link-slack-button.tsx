"use client";

import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";
import { useHydrated } from "@/components/ui/use-hydrated";
import { acceptSlackLinkAction } from "../../account/slack-actions";

export function LinkSlackButton({ token }: { token: string }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [linked, setLinked] = useState<{ slackName: string; connection: string } | null>(null);
  // Disabled until React has taken the button over: a click on the server's HTML would do nothing.
  const hydrated = useHydrated();

  async function link() {
    setPending(true);
    setError(null);
    const result = await acceptSlackLinkAction(token).catch(() => null);
    setPending(false);
    if (!result || !result.ok) return setError(result ? sentence(result.error.message) : "That did not reach the server. Try again.");
    setLinked(result.data);
  }

  if (linked) {
    return (
      <div role="status" className="rounded-xl bg-foam p-4 text-sm">
        <p>
          Linked: the Slack user {linked.slackName} of {linked.connection} now acts as you. Press Approve or Reject in Slack again.
        </p>
        <p className="mt-2">
          <Link href="/account" className="font-semibold underline underline-offset-2">
            Your account
          </Link>{" "}
          lists your linked Slack users.
        </p>
      </div>
    );
  }
  return (
    <div className="grid gap-3">
      <FormError message={error} />
      <Button type="button" size="lg" disabled={pending || !hydrated} onClick={() => void link()} className="justify-self-start">
        {pending ? "Linking…" : "Link this Slack user"}
      </Button>
    </div>
  );
}
