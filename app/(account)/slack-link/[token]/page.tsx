import type { Metadata } from "next";
import { requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { slackLinkOffer } from "@/lib/integrations/slack/links";
import { LinkSlackButton } from "./link-slack-button";

export const metadata: Metadata = { title: "Link your Slack user", robots: { index: false } };

/**
 * /slack-link/:token — the one-time link Slack showed a person whose button press Go Coffee could
 * not tie to a manager (lib/integrations/slack/links.ts). Signed in, it names the Slack user and
 * the connection; nothing is linked until the person presses the button.
 */
export default async function SlackLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const user = await requireSignedIn(`/slack-link/${token}`);
  const offer = await slackLinkOffer(db(), token);

  if (!offer) {
    return (
      <div className="grid gap-3">
        <h1 className="text-2xl font-bold tracking-tight">This Slack link is no longer valid</h1>
        <p className="text-espresso/70">It has expired or was already used. Press Approve or Reject in Slack again for a new one.</p>
      </div>
    );
  }

  return (
    <div className="grid max-w-xl gap-5">
      <h1 className="text-2xl font-bold tracking-tight">Link your Slack user</h1>
      <p className="text-espresso/80">
        Link the Slack user <strong>{offer.slackName}</strong> ({offer.slackUserId}) of the Slack connection <strong>{offer.connection}</strong>
        {offer.workspace ? ` (${offer.workspace})` : ""} to your Go Coffee account <strong>{user.email || user.name}</strong>?
      </p>
      <p className="text-sm text-espresso/70">
        From then on, when this Slack user presses Approve or Reject on an agent&rsquo;s proposal, it counts as you, in the shops you manage. Link only your own Slack user; you can unlink it on your account page.
      </p>
      {user.email ? (
        <LinkSlackButton token={token} />
      ) : (
        <p role="alert" className="rounded-xl bg-amber-50 px-3.5 py-2.5 text-sm text-amber-900 ring-1 ring-amber-700/20">
          You are signed in with a wallet only. Sign in with the email account you manage the shop with to link Slack.
        </p>
      )}
    </div>
  );
}
