"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";
import { unlinkSlackUserAction } from "../account/slack-actions";

/** The Slack users linked to this account (their Approve / Reject in Slack count as it), each with Unlink. */
export function SlackLinks({ links }: { links: { integrationId: string; connection: string; slackUserId: string; slackName: string; linkedAt: string }[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function unlink(integrationId: string, slackUserId: string) {
    setError(null);
    const result = await unlinkSlackUserAction(integrationId, slackUserId);
    if (!result.ok) return setError(sentence(result.error.message));
    router.refresh();
  }

  return (
    <div className="grid gap-3">
      <FormError message={error} />
      <p className="text-sm text-espresso/70">When these Slack users press Approve or Reject on an agent&rsquo;s proposal, it counts as you.</p>
      <ul aria-label="Linked Slack users" className="grid gap-2 text-sm">
        {links.map((l) => (
          <li key={`${l.integrationId}:${l.slackUserId}`} className="flex items-center justify-between gap-4">
            <span>
              {l.slackName} ({l.slackUserId}) in {l.connection}, linked {new Date(l.linkedAt).toLocaleDateString("en-US", { dateStyle: "medium" })}
            </span>
            <Button type="button" variant="secondary" onClick={() => unlink(l.integrationId, l.slackUserId)} aria-label={`Unlink Slack user ${l.slackName}`}>
              Unlink
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
